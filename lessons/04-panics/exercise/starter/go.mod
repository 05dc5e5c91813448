module hybridlab/panics-exercise

go 1.24
