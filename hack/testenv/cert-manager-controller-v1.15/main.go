// Command cert-manager-controller runs the real controllers of an older cert-manager release (v1.15.x)
// against a test API server, for the compatibility table (docs/compatibility.md).
//
// It is hack/testenv/cert-manager-controller's wrapper adapted to v1.15's pkg/controller API: the
// caller supplies the clock, the metrics registry and the ACME account registry in ContextOptions (later
// releases build them inside the factory), and the options that did not exist yet (gateway-shim extra
// protocols, CertificateRequest back-off bounds) are absent. Flags, controllers, issuers and log lines are
// the same, so the test harness drives both binaries alike.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/cert-manager/cert-manager/pkg/acme/accounts"
	"github.com/cert-manager/cert-manager/pkg/controller"
	logf "github.com/cert-manager/cert-manager/pkg/logs"
	"github.com/cert-manager/cert-manager/pkg/metrics"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/client-go/tools/leaderelection"
	"k8s.io/client-go/tools/leaderelection/resourcelock"
	"k8s.io/klog/v2"
	"k8s.io/utils/clock"

	// Controllers: importing a package registers its controller (init calls controller.Register).
	_ "github.com/cert-manager/cert-manager/pkg/controller/acmechallenges"
	_ "github.com/cert-manager/cert-manager/pkg/controller/acmeorders"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificate-shim/gateways"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificate-shim/ingresses"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/acme"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/approver"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/ca"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/selfsigned"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/issuing"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/keymanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/readiness"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/requestmanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/revisionmanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/trigger"
	_ "github.com/cert-manager/cert-manager/pkg/controller/clusterissuers"
	_ "github.com/cert-manager/cert-manager/pkg/controller/issuers"

	// Issuers: the Issuer/ClusterIssuer controllers only know the types whose package is imported.
	_ "github.com/cert-manager/cert-manager/pkg/issuer/acme"
	_ "github.com/cert-manager/cert-manager/pkg/issuer/ca"
	_ "github.com/cert-manager/cert-manager/pkg/issuer/selfsigned"
)

// gatewayShim is the registered name of the gateway-shim controller, which needs the Gateway API CRDs
// and so only runs with --enable-gateway-api (as in the real controller).
const gatewayShim = "gateway-shim"

// clusterIssuers is the ClusterIssuer controller, which a namespace-scoped controller does not run (as in
// the real controller: ClusterIssuers are cluster-scoped and a --namespace controller cannot watch them).
const clusterIssuers = "clusterissuers"

type options struct {
	kubeconfig               string
	namespace                string
	clusterResourceNamespace string
	leaderElect              bool
	leaderElectionNamespace  string
	leaseDuration            time.Duration
	renewDeadline            time.Duration
	retryPeriod              time.Duration
	enableGatewayAPI         bool
	dns01Nameservers         string
	dns01NameserversOnly     bool
	dns01CheckRetryPeriod    time.Duration
	workers                  int
	controllers              string
}

func parseFlags() options {
	var o options
	flag.StringVar(&o.kubeconfig, "kubeconfig", "", "kubeconfig file; empty means in-cluster configuration (KUBERNETES_SERVICE_HOST and the mounted ServiceAccount token)")
	flag.StringVar(&o.namespace, "namespace", "", "watch only this namespace (no ClusterIssuers); empty watches all, as the chart deploys it")
	// The Helm chart sets the cluster resource namespace to the release namespace.
	flag.StringVar(&o.clusterResourceNamespace, "cluster-resource-namespace", "cert-manager", "namespace holding the Secrets of ClusterIssuers")
	flag.BoolVar(&o.leaderElect, "leader-elect", false, "take the cert-manager-controller Lease before starting any controller, as the chart deploys it")
	flag.StringVar(&o.leaderElectionNamespace, "leader-election-namespace", "kube-system", "namespace of the leader-election Lease (the chart's default)")
	flag.DurationVar(&o.leaseDuration, "leader-election-lease-duration", 60*time.Second, "Lease duration")
	flag.DurationVar(&o.renewDeadline, "leader-election-renew-deadline", 40*time.Second, "Lease renew deadline")
	flag.DurationVar(&o.retryPeriod, "leader-election-retry-period", 15*time.Second, "Lease retry period")
	flag.BoolVar(&o.enableGatewayAPI, "enable-gateway-api", false, "run gateway-shim (needs the Gateway API CRDs)")
	flag.StringVar(&o.dns01Nameservers, "dns01-recursive-nameservers", "", "comma-separated host:port list for DNS-01 self checks")
	flag.BoolVar(&o.dns01NameserversOnly, "dns01-recursive-nameservers-only", false, "only ever ask the configured nameservers during DNS-01 self checks")
	flag.DurationVar(&o.dns01CheckRetryPeriod, "dns01-check-retry-period", 10*time.Second, "wait between propagation checks")
	flag.IntVar(&o.workers, "concurrent-workers", 5, "workers per controller")
	flag.StringVar(&o.controllers, "controllers", "*", "comma-separated controllers to run; '*' is every linked-in controller")
	klog.InitFlags(nil)
	flag.Parse()
	return o
}

func main() {
	o := parseFlags()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	ctx = logf.NewContext(ctx, klog.Background(), "cert-manager-controller")
	if err := run(ctx, o); err != nil {
		klog.ErrorS(err, "controller exited")
		klog.Flush()
		os.Exit(1)
	}
	klog.Flush()
}

func enabledControllers(o options) (sets.Set[string], error) {
	linked := sets.KeySet(controller.Known())
	if !o.enableGatewayAPI {
		linked.Delete(gatewayShim)
	}
	if o.namespace != "" {
		linked.Delete(clusterIssuers)
	}
	if o.controllers == "*" {
		return linked, nil
	}
	wanted := sets.New[string]()
	for _, name := range strings.Split(o.controllers, ",") {
		name = strings.TrimSpace(name)
		if !linked.Has(name) {
			return nil, fmt.Errorf("controller %q is not linked into this binary (have: %s)", name, strings.Join(sets.List(linked), ", "))
		}
		wanted.Insert(name)
	}
	return wanted, nil
}

func contextOptions(o options) controller.ContextOptions {
	var nameservers []string
	if o.dns01Nameservers != "" {
		nameservers = strings.Split(o.dns01Nameservers, ",")
	}
	// v1.15's factory takes the clock, metrics and ACME account registry from its caller; later releases
	// create them itself.
	realClock := clock.RealClock{}
	return controller.ContextOptions{
		Clock:              realClock,
		Metrics:            metrics.New(klog.Background(), realClock),
		Kubeconfig:         o.kubeconfig,
		KubernetesAPIQPS:   20,
		KubernetesAPIBurst: 50,
		Namespace:          o.namespace,
		IssuerOptions: controller.IssuerOptions{
			ClusterResourceNamespace: o.clusterResourceNamespace,
		},
		ACMEOptions: controller.ACMEOptions{
			AccountRegistry:       accounts.NewDefaultRegistry(),
			DNS01Nameservers:      nameservers,
			DNS01CheckRetryPeriod: o.dns01CheckRetryPeriod,
			// The real flag is "recursive nameservers only"; the context wants its negation.
			DNS01CheckAuthoritative: !o.dns01NameserversOnly,
		},
		IngressShimOptions: controller.IngressShimOptions{
			DefaultIssuerKind:                 "Issuer",
			DefaultIssuerGroup:                "cert-manager.io",
			DefaultAutoCertificateAnnotations: []string{"kubernetes.io/tls-acme"},
		},
		SchedulerOptions: controller.SchedulerOptions{MaxConcurrentChallenges: 60},
		ConfigOptions:    controller.ConfigOptions{EnableGatewayAPI: o.enableGatewayAPI},
	}
}

func run(ctx context.Context, o options) error {
	enabled, err := enabledControllers(o)
	if err != nil {
		return err
	}
	factory, err := controller.NewContextFactory(ctx, contextOptions(o))
	if err != nil {
		return err
	}
	base, err := factory.Build()
	if err != nil {
		return err
	}
	if o.leaderElect {
		leading, err := takeLease(ctx, o, factory)
		if err != nil {
			return err
		}
		ctx = leading
	}
	klog.InfoS("starting controllers", "controllers", sets.List(enabled))

	var wg sync.WaitGroup
	errs := make(chan error, len(enabled))
	for _, name := range sets.List(enabled) {
		iface, err := controller.Known()[name](factory)
		if err != nil {
			return fmt.Errorf("constructing controller %s: %w", name, err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := iface.Run(o.workers, ctx); err != nil {
				errs <- fmt.Errorf("controller %s: %w", name, err)
			}
		}()
	}
	// Informers start after every controller registered its handlers, so none misses the initial list.
	base.SharedInformerFactory.Start(ctx.Done())
	base.KubeSharedInformerFactory.Start(ctx.Done())
	base.HTTP01ResourceMetadataInformersFactory.Start(ctx.Done())
	if o.enableGatewayAPI {
		base.GWShared.Start(ctx.Done())
	}
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return errors.Join(all...)
}

// takeLease blocks until this process holds the cert-manager-controller Lease (the chart's lock name and
// namespace) and returns a context that ends when the Lease is lost, so RBAC that forbids the Lease
// shows up as a controller that never starts, as in a real cluster.
func takeLease(ctx context.Context, o options, factory *controller.ContextFactory) (context.Context, error) {
	leCtx, err := factory.Build("leader-election")
	if err != nil {
		return nil, err
	}
	host, err := os.Hostname()
	if err != nil {
		return nil, err
	}
	lock, err := resourcelock.New(resourcelock.LeasesResourceLock, o.leaderElectionNamespace, "cert-manager-controller",
		leCtx.Client.CoreV1(), leCtx.Client.CoordinationV1(),
		resourcelock.ResourceLockConfig{Identity: fmt.Sprintf("%s-%d-testenv-cert-manager-controller", host, os.Getpid()), EventRecorder: leCtx.Recorder})
	if err != nil {
		return nil, err
	}
	leading, cancel := context.WithCancel(ctx)
	elected := make(chan struct{})
	elector, err := leaderelection.NewLeaderElector(leaderelection.LeaderElectionConfig{
		Lock:            lock,
		LeaseDuration:   o.leaseDuration,
		RenewDeadline:   o.renewDeadline,
		RetryPeriod:     o.retryPeriod,
		ReleaseOnCancel: true,
		Callbacks: leaderelection.LeaderCallbacks{
			OnStartedLeading: func(context.Context) { close(elected) },
			OnStoppedLeading: func() {
				klog.InfoS("leader election lost or released")
				cancel()
			},
		},
	})
	if err != nil {
		cancel()
		return nil, err
	}
	klog.InfoS("waiting for the leader-election Lease", "namespace", o.leaderElectionNamespace, "name", "cert-manager-controller")
	go elector.Run(ctx)
	select {
	case <-elected:
		klog.InfoS("took the leader-election Lease")
		return leading, nil
	case <-ctx.Done():
		cancel()
		return nil, ctx.Err()
	}
}
