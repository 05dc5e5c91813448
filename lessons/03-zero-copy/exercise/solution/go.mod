module hybridlab/zerocopy-exercise

go 1.24
