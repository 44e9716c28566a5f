// Command cert-manager-webhook serves cert-manager's real admission webhook (validation, defaulting, the
// CertificateRequest identity and approval checks) on loopback, for a test API server.
//
// cert-manager publishes its webhook binary as a separate Go module (cmd/webhook) that is not on the
// module proxy, and the webhook's admission chain lives in the main module's internal/ packages
// (internal/webhook builds it; the plugins are internal/webhook/admission/...). Go decides who may
// import an internal/ package by import path, not by module: code whose import path lies under
// github.com/cert-manager/cert-manager may import its internal/ packages, which is how cert-manager's own
// cmd/webhook module does it. This wrapper's module path lies there for that reason only; it is this
// project's code, never published.
//
// The admission chain and scheme come unchanged from internal/webhook.NewCertManagerWebhookServer. Only
// the listener differs: upstream's server.Run binds the webhook and healthz ports on every interface, and
// the test environment may only listen on loopback, so this main serves the same two handlers (/mutate,
// /validate, built by pkg/webhook/admission as server.Run builds them) on one loopback TLS listener.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cert-manager/cert-manager/internal/apis/config/shared"
	config "github.com/cert-manager/cert-manager/internal/apis/config/webhook"
	cmwebhook "github.com/cert-manager/cert-manager/internal/webhook"
	logf "github.com/cert-manager/cert-manager/pkg/logs"
	cmadmission "github.com/cert-manager/cert-manager/pkg/webhook/admission"
	"k8s.io/klog/v2"

	// The validation code asks the webhook's feature gates; importing the package registers them (as the
	// real binary does), otherwise the first gated check panics on an unknown feature.
	_ "github.com/cert-manager/cert-manager/internal/webhook/feature"
)

type options struct {
	kubeconfig string
	listen     string
	certFile   string
	keyFile    string
}

func parseFlags() options {
	var o options
	// A flag set of its own: controller-runtime, linked in through the webhook packages, registers its
	// own --kubeconfig on the global one.
	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	fs.StringVar(&o.kubeconfig, "kubeconfig", "", "kubeconfig file (the identity used for SubjectAccessReviews and discovery); empty means in-cluster configuration")
	fs.StringVar(&o.listen, "listen", "127.0.0.1:0", "loopback host:port to serve HTTPS on; port 0 lets the kernel choose (the chosen address is logged)")
	fs.StringVar(&o.certFile, "tls-cert-file", "", "serving certificate (PEM), reloaded when it changes")
	fs.StringVar(&o.keyFile, "tls-private-key-file", "", "serving private key (PEM)")
	klog.InitFlags(fs)
	_ = fs.Parse(os.Args[1:])
	return o
}

func main() {
	o := parseFlags()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	ctx = logf.NewContext(ctx, klog.Background(), "cert-manager-webhook")
	if err := run(ctx, o); err != nil {
		klog.ErrorS(err, "webhook exited")
		klog.Flush()
		os.Exit(1)
	}
	klog.Flush()
}

func run(ctx context.Context, o options) error {
	if o.certFile == "" || o.keyFile == "" {
		return errors.New("--tls-cert-file and --tls-private-key-file are required (the API server only calls webhooks over HTTPS)")
	}
	host, _, err := net.SplitHostPort(o.listen)
	if err != nil {
		return fmt.Errorf("--listen %q: %w", o.listen, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--listen %q: only a loopback IP address is allowed", o.listen)
	}
	log := logf.FromContext(ctx)
	srv, err := cmwebhook.NewCertManagerWebhookServer(log, config.WebhookConfiguration{
		KubeConfig: o.kubeconfig,
		TLSConfig:  shared.TLSConfig{Filesystem: shared.FilesystemServingConfig{CertFile: o.certFile, KeyFile: o.keyFile}},
	})
	if err != nil {
		return err
	}
	certs := srv.CertificateSource
	certErr := make(chan error, 1)
	go func() { certErr <- certs.Start(ctx) }()
	if err := waitHealthy(ctx, certs.Healthy, certErr); err != nil {
		return fmt.Errorf("loading the serving certificate: %w", err)
	}

	mux := http.NewServeMux()
	mux.Handle("/mutate", logged("mutate", cmadmission.NewCustomMutationWebhook(srv.MutationWebhook)))
	mux.Handle("/validate", logged("validate", cmadmission.NewCustomValidationWebhook(srv.ResourceScheme, srv.ValidationWebhook)))

	listener, err := net.Listen("tcp", o.listen)
	if err != nil {
		return err
	}
	httpServer := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		TLSConfig:         &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: certs.GetCertificate},
	}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = httpServer.Shutdown(shutdown)
	}()
	// The harness reads the address from this line.
	klog.InfoS("serving admission webhooks", "address", listener.Addr().String())
	if err := httpServer.ServeTLS(listener, "", ""); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func waitHealthy(ctx context.Context, healthy func() bool, failed <-chan error) error {
	for !healthy() {
		select {
		case err := <-failed:
			if err == nil {
				err = errors.New("certificate source stopped")
			}
			return err
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return nil
}

// logged writes one line per admission request (its route only, never the object), so a test can count
// how many requests the API server sent to the webhook.
func logged(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		klog.InfoS("admission request", "route", route)
		next.ServeHTTP(w, r)
	})
}
