module hybridlab/gcpressure

go 1.24
