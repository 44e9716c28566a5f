/**
 * The few fields of Kubernetes objects the access layer reads, as plain structural types. The pure
 * functions in this directory take these, so they are tested without a client or a cluster; the
 * @kubernetes/client-node model classes satisfy them.
 */
export interface Meta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface ConfigMapShape {
  metadata?: Meta;
  data?: Record<string, string>;
}

export interface EnvVarShape {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string } };
}

export interface ContainerShape {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvVarShape[];
}

export interface DeploymentShape {
  metadata?: Meta;
  spec?: {
    template?: {
      metadata?: Meta;
      spec?: {
        serviceAccountName?: string;
        containers?: ContainerShape[];
        volumes?: { name: string; configMap?: { name?: string } }[];
      };
    };
  };
}

export interface ServiceShape {
  metadata?: Meta;
  spec?: { selector?: Record<string, string> };
}

export interface WebhookShape {
  name: string;
  clientConfig?: { service?: { namespace: string; name: string } };
  rules?: { apiGroups?: string[] }[];
}

export interface WebhookConfigurationShape {
  metadata?: Meta;
  webhooks?: WebhookShape[];
}

export interface SubjectShape {
  kind: string;
  name: string;
  namespace?: string;
}

export interface BindingShape {
  metadata?: Meta;
  roleRef: { kind: string; name: string; apiGroup?: string };
  subjects?: SubjectShape[];
}

export interface EndpointSliceShape {
  endpoints?: { addresses?: string[]; conditions?: { ready?: boolean } }[];
}

export interface EndpointsShape {
  subsets?: { addresses?: { ip?: string }[] }[];
}
