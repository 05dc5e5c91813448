module hybridlab/starter-ffi

go 1.24
