#!/usr/bin/env bash
# Builds the control plane the real-cluster tests start: etcd, kube-apiserver, kube-controller-manager and kubectl
# of the Kubernetes release in ./version, with the ordinary Go tool, into a cache outside the repository
# (~/.cache/kube-agents/k8s-<version>/bin, or $KUBE_AGENTS_K8S_CACHE). Builds only what is missing, so it is
# rebuilt only when the version changes. Prints the directory of the binaries.
set -euo pipefail
cd "$(dirname "$0")"
version=$(cat version)
bin="${KUBE_AGENTS_K8S_CACHE:-$HOME/.cache/kube-agents}/k8s-${version}/bin"
mkdir -p "$bin"

# /version answers the release, not v0.0.0-master: the version is stamped as the release build does
pkg=k8s.io/component-base/version
ldflags="-s -w -X ${pkg}.gitVersion=v${version} -X ${pkg}.gitMajor=${version%%.*} -X ${pkg}.gitMinor=$(echo "$version" | cut -d. -f2)"
ldflags="${ldflags} -X ${pkg}.gitTreeState=clean -X ${pkg}.buildDate=1970-01-01T00:00:00Z"

build() { # name package
  if [ ! -x "$bin/$1" ]; then
    echo "building $1 (Kubernetes ${version}) into $bin" >&2
    CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$bin/$1.tmp" "$2"
    mv "$bin/$1.tmp" "$bin/$1"
  fi
}
build etcd ./cmd/etcd
build kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver
build kube-controller-manager k8s.io/kubernetes/cmd/kube-controller-manager
build kubectl k8s.io/kubernetes/cmd/kubectl
echo "$bin"
