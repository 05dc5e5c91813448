module hybridlab/starter-capstone-rules

go 1.24
