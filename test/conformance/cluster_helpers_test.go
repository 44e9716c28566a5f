package conformance

// Shared wiring of the Cluster tests (cluster_backup_test.go, cluster_restore_test.go): the plugin driven
// by Velero's own plugin client while it talks to a real kube-apiserver of the project's test environment
// (hack/test.mjs stage conformance-cluster). The plugin process gets KUBECONFIG and VELERO_NAMESPACE from
// this process's environment, as a plugin inherits the Velero server's. Without VCM_CLUSTER_FIXTURES (the
// JSON test/integration/fixtures/cli.js printed after loading the fixtures) the tests skip.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/vmware-tanzu/velero/pkg/plugin/velero"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/tools/clientcmd"
)

const clusterFixturesEnv = "VCM_CLUSTER_FIXTURES"

type fixtureRef struct{ Kind, Namespace, Name string }

type clusterFixtures struct {
	Namespace                string
	ClusterResourceNamespace string
	Objects                  []fixtureRef
}

type cluster struct {
	dyn      dynamic.Interface
	fixtures clusterFixtures
}

// kindResources maps the kinds the tests read to their resources (preferred versions of the test environment).
var kindResources = map[string]schema.GroupVersionResource{
	"Secret":                         {Version: "v1", Resource: "secrets"},
	"ServiceAccount":                 {Version: "v1", Resource: "serviceaccounts"},
	"ConfigMap":                      {Version: "v1", Resource: "configmaps"},
	"Namespace":                      {Version: "v1", Resource: "namespaces"},
	"Deployment":                     {Group: "apps", Version: "v1", Resource: "deployments"},
	"Certificate":                    {Group: "cert-manager.io", Version: "v1", Resource: "certificates"},
	"CertificateRequest":             {Group: "cert-manager.io", Version: "v1", Resource: "certificaterequests"},
	"Issuer":                         {Group: "cert-manager.io", Version: "v1", Resource: "issuers"},
	"ClusterIssuer":                  {Group: "cert-manager.io", Version: "v1", Resource: "clusterissuers"},
	"Order":                          {Group: "acme.cert-manager.io", Version: "v1", Resource: "orders"},
	"Challenge":                      {Group: "acme.cert-manager.io", Version: "v1", Resource: "challenges"},
	"Ingress":                        {Group: "networking.k8s.io", Version: "v1", Resource: "ingresses"},
	"Gateway":                        {Group: "gateway.networking.k8s.io", Version: "v1", Resource: "gateways"},
	"EndpointSlice":                  {Group: "discovery.k8s.io", Version: "v1", Resource: "endpointslices"},
	"Role":                           {Group: "rbac.authorization.k8s.io", Version: "v1", Resource: "roles"},
	"RoleBinding":                    {Group: "rbac.authorization.k8s.io", Version: "v1", Resource: "rolebindings"},
	"ClusterRole":                    {Group: "rbac.authorization.k8s.io", Version: "v1", Resource: "clusterroles"},
	"ClusterRoleBinding":             {Group: "rbac.authorization.k8s.io", Version: "v1", Resource: "clusterrolebindings"},
	"ValidatingWebhookConfiguration": {Group: "admissionregistration.k8s.io", Version: "v1", Resource: "validatingwebhookconfigurations"},
	"MutatingWebhookConfiguration":   {Group: "admissionregistration.k8s.io", Version: "v1", Resource: "mutatingwebhookconfigurations"},
	"CustomResourceDefinition":       {Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"},
}

func gvrOf(t *testing.T, kind string) schema.GroupVersionResource {
	t.Helper()
	gvr, ok := kindResources[kind]
	if !ok {
		t.Fatalf("no resource known for kind %s", kind)
	}
	return gvr
}

// connect skips the test unless the stage provided a cluster with fixtures loaded.
func connect(t *testing.T) *cluster {
	t.Helper()
	path := os.Getenv(clusterFixturesEnv)
	if path == "" || os.Getenv("KUBECONFIG") == "" {
		t.Skipf("needs a real API server: KUBECONFIG and %s (npm test -- --only build,conformance-cluster)", clusterFixturesEnv)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := &cluster{}
	if err := json.Unmarshal(raw, &c.fixtures); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	config, err := clientcmd.BuildConfigFromFlags("", os.Getenv("KUBECONFIG"))
	if err != nil {
		t.Fatal(err)
	}
	config.Timeout = 10 * time.Second
	if c.dyn, err = dynamic.NewForConfig(config); err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *cluster) resource(t *testing.T, kind, namespace string) dynamic.ResourceInterface {
	r := c.dyn.Resource(gvrOf(t, kind))
	if namespace == "" {
		return r
	}
	return r.Namespace(namespace)
}

// get reads one object as the API server stores it: what Velero's backup hands to actions.
func (c *cluster) get(t *testing.T, kind, namespace, name string) *unstructured.Unstructured {
	t.Helper()
	obj, err := c.resource(t, kind, namespace).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		t.Fatalf("reading %s %s/%s: %v", kind, namespace, name, err)
	}
	return obj
}

func (c *cluster) list(t *testing.T, kind, namespace string) []unstructured.Unstructured {
	t.Helper()
	list, err := c.resource(t, kind, namespace).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatalf("listing %s: %v", kind, err)
	}
	return list.Items
}

// fixturesOf returns the live fixture objects of one kind.
func (c *cluster) fixturesOf(t *testing.T, kind string) []*unstructured.Unstructured {
	t.Helper()
	var out []*unstructured.Unstructured
	for _, ref := range c.fixtures.Objects {
		if ref.Kind == kind {
			out = append(out, c.get(t, ref.Kind, ref.Namespace, ref.Name))
		}
	}
	if len(out) == 0 {
		t.Fatalf("the fixtures hold no %s", kind)
	}
	return out
}

// missing lists the identifiers that do not name an object in the cluster.
func (c *cluster) missing(t *testing.T, ids []velero.ResourceIdentifier) []string {
	t.Helper()
	var absent []string
	for _, i := range ids {
		var gvr schema.GroupVersionResource
		for _, candidate := range kindResources {
			if candidate.Group == i.Group && candidate.Resource == i.Resource {
				gvr = candidate
			}
		}
		if gvr.Resource == "" {
			t.Fatalf("identifier of an unknown resource %s.%s", i.Resource, i.Group)
		}
		r := c.dyn.Resource(gvr)
		var err error
		if i.Namespace == "" {
			_, err = r.Get(context.Background(), i.Name, metav1.GetOptions{})
		} else {
			_, err = r.Namespace(i.Namespace).Get(context.Background(), i.Name, metav1.GetOptions{})
		}
		if err != nil {
			absent = append(absent, id(i.Group, i.Resource, i.Namespace, i.Name))
		}
	}
	return absent
}

var uniqueCounter int

// unique returns a DNS-label name unique within this test run.
func unique(prefix string) string {
	uniqueCounter++
	return fmt.Sprintf("%s-%d-%d", prefix, os.Getpid(), uniqueCounter)
}

// veleroNamespace makes a fresh Velero namespace, optionally with the plugin's plugin-config ConfigMap,
// and points the plugin processes started afterwards at it (VELERO_NAMESPACE, inherited like KUBECONFIG).
func (c *cluster) veleroNamespace(t *testing.T, config map[string]string) string {
	t.Helper()
	ns := unique("velero-cc")
	c.create(t, "Namespace", "", map[string]interface{}{"metadata": map[string]interface{}{"name": ns}})
	if config != nil {
		data := map[string]interface{}{}
		for k, v := range config {
			data[k] = v
		}
		c.create(t, "ConfigMap", ns, map[string]interface{}{
			"metadata": map[string]interface{}{"name": "vcm-config", "labels": map[string]interface{}{
				"velero.io/plugin-config": "", cmPrefix + "backup-crds": "BackupItemActionV2",
			}},
			"data": data,
		})
	}
	t.Setenv("VELERO_NAMESPACE", ns)
	return ns
}

func (c *cluster) create(t *testing.T, kind, namespace string, content map[string]interface{}) *unstructured.Unstructured {
	t.Helper()
	gvr := gvrOf(t, kind)
	obj := &unstructured.Unstructured{Object: content}
	obj.SetAPIVersion(schema.GroupVersion{Group: gvr.Group, Version: gvr.Version}.String())
	obj.SetKind(kind)
	created, err := c.resource(t, kind, namespace).Create(context.Background(), obj, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("creating %s %s/%s: %v", kind, namespace, obj.GetName(), err)
	}
	return created
}

// asVeleroRestoresIt is the item a restore action gets: Velero strips owner references and status first.
func asVeleroRestoresIt(fromBackup *unstructured.Unstructured) *unstructured.Unstructured {
	item := fromBackup.DeepCopy()
	item.SetOwnerReferences(nil)
	delete(item.Object, "status")
	return item
}

func operationUID(kind string) types.UID {
	return types.UID(strings.ToLower(kind) + "-" + unique("uid"))
}
