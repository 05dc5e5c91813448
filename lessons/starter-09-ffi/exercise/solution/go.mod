module hybridlab/wordcount

go 1.24
