module hybridlab/batching

go 1.22
