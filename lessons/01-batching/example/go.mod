module hybridlab/batching

go 1.24
