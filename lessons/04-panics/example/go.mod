module hybridlab/panics

go 1.24
