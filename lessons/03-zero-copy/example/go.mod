module hybridlab/zerocopy

go 1.24
