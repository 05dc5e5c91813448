module hybridlab/gcpressure-exercise

go 1.24
