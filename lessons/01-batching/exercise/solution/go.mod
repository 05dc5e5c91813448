module hybridlab/batching-exercise

go 1.23
