module velero-plugin-for-cert-manager/test/unit/velero/gobwas

go 1.22

require github.com/gobwas/glob v0.2.3
