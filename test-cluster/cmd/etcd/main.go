// Command etcd is etcd's own server entry point, built from the etcd server module that the Kubernetes release
// in ../../go.mod uses, so the tests' API server talks to the etcd its client was built for.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
