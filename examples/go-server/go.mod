module example.com/whittle/go-server

go 1.19
