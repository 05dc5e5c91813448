module hybridlab/capstone

go 1.24
