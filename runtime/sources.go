package runtime

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// The variables that say where webhooks may come from.
const (
	// EnvAllowFrom lists the addresses webhooks may come from: CIDRs, single
	// addresses and the preset 8x8 (Preset8x8), comma-separated. Unset: any.
	EnvAllowFrom = "IVR_ALLOW_FROM"
	// EnvTrustedProxies lists the proxies (CIDRs or addresses) whose
	// X-Forwarded-For is believed.
	EnvTrustedProxies = "IVR_TRUSTED_PROXIES"
)

// Preset8x8 are the addresses 8x8 documents it sends webhooks from (Asia
// Pacific), which IVR_ALLOW_FROM=8x8 stands for.
var Preset8x8 = []netip.Prefix{
	netip.MustParsePrefix("18.140.80.2/32"),
	netip.MustParsePrefix("52.220.253.234/32"),
	netip.MustParsePrefix("54.255.116.8/32"),
	netip.MustParsePrefix("52.74.232.241/32"),
}

// ParseSources reads a list of CIDRs and addresses, comma- or
// space-separated; the word 8x8 stands for Preset8x8. Its error names each
// entry that is neither.
func ParseSources(v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	var errs []error
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if f == "8x8" {
			out = append(out, Preset8x8...)
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		if a, err := netip.ParseAddr(f); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		errs = append(errs, fmt.Errorf("%q is not a CIDR (10.0.0.0/8), an address or 8x8", f))
	}
	return out, errors.Join(errs...)
}

// sources decides which requests may post webhooks.
type sources struct {
	allow   []netip.Prefix // none: any
	proxies []netip.Prefix
}

func inAny(ps []netip.Prefix, a netip.Addr) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// client is the address a request comes from: its peer's, or, when the
// peer is a trusted proxy, the last address in X-Forwarded-For that is not
// a trusted proxy (the ones before it could be written by anyone).
func (s *sources) client(r *http.Request) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	addr = addr.Unmap()
	if !inAny(s.proxies, addr) {
		return addr, true
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return netip.Addr{}, false // a hop we cannot read: refuse rather than guess
		}
		if hop = hop.Unmap(); !inAny(s.proxies, hop) {
			return hop, true
		}
	}
	return addr, true // every hop a proxy of ours
}

// check refuses, with 403, a request from an address not allowed.
func (s *sources) check(r *http.Request) error {
	if len(s.allow) == 0 {
		return nil
	}
	addr, ok := s.client(r)
	switch {
	case !ok:
		return reject(http.StatusForbidden, "source %q cannot be read (X-Forwarded-For from a trusted proxy?): refused by %s", r.RemoteAddr, EnvAllowFrom)
	case !inAny(s.allow, addr):
		return reject(http.StatusForbidden, "source %s is not allowed by %s", addr, EnvAllowFrom)
	}
	return nil
}
