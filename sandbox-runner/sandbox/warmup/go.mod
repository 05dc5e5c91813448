module hybridlab.example/warmup

go 1.22
