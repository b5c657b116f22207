package dsl

import (
	"fmt"
	"strings"
	"time"
)

// A hook's deadline: 8x8 waits on the webhook while hooks run, and the
// caller hears nothing.
const (
	defaultWithin = 3 * time.Second
	maxWithin     = 5 * time.Second
	// maxChain bounds the hooks one answer runs one after another.
	maxChain = 8 * time.Second
)

// hookBody checks a hook's statements, the statement beginning at at:
// its inputs, its deadline, where its HTTP call goes, and each outcome
// with the values it gives and where the caller goes.
func (c *checker) hookBody(h *Hook, d *HookDecl, at Pos, voice voiceCtx) {
	c.hookInputs(h, d.Inputs)
	h.Within = defaultWithin
	if d.Within != nil {
		if w, ok := c.duration(d.Within, "within"); ok && w > maxWithin {
			c.errorf(posOf(d.Within.Pos), "within %s is too long: a hook has at most %s, since 8x8 waits on the webhook and the caller hears nothing", d.Within.Raw, maxWithin)
		} else if ok {
			h.Within = w
		}
	}
	seen := map[string]Pos{}
	goNames := map[string]string{}
	var urlAt, authAt *Name
	// env reads url env VAR or auth env VAR into dst, once.
	env := func(it *HookItem, n *Name, first **Name, dst *string, word, what string) {
		if *first != nil {
			c.errorf(posOf(it.Pos), "hook %s already has its %s at line %d", h.Name, word, (*first).Pos.Line)
			return
		}
		*first, *dst = n, c.envVar(n, what+" of hook "+h.Name)
	}
	for _, it := range d.Items {
		switch {
		case it.URL != nil:
			env(it, it.URL, &urlAt, &h.URLEnv, "url", "the URL")
		case it.Auth != nil:
			env(it, it.Auth, &authAt, &h.AuthEnv, "auth", "the Authorization header")
		case it.Outcome != nil:
			c.hookOutcome(h, it.Outcome, voice, seen, goNames)
		}
	}
	if h.URLEnv == "" {
		h.URLEnv = "IVR_HOOK_" + strings.ToUpper(strings.ReplaceAll(h.Name, "-", "_")) + "_URL"
		c.claimEnv(h.URLEnv, "the URL of hook "+h.Name, h.Pos)
	}
	mq := c.q.menu(at)
	if h.Error == nil && !mq.all && !mq.maybeKeys["error"] && !c.orphan {
		c.errorf(h.Pos, "hook %s has no error branch: add error -> ..., taken when the hook fails or does not answer in time", h.Name)
	}
}

// hookInputs resolves the variables a hook is called with.
func (c *checker) hookInputs(h *Hook, in *Inputs) {
	if in == nil {
		return
	}
	seen := map[*Var]bool{}
	for _, n := range in.Names {
		v := c.vars[n.Name]
		switch {
		case v == nil && c.q.name(n.Name):
		case v == nil:
			c.errorf(posOf(n.Pos), "unknown variable %s%s: a hook takes the values of asks and of other hooks' outcomes", n.Name, suggest(n.Name, keysOf(c.vars)))
		case seen[v]:
			c.errorf(posOf(n.Pos), "hook %s already takes %s", h.Name, n.Name)
		default:
			seen[v] = true
			c.varUsed[v] = true
			h.Inputs = append(h.Inputs, v)
		}
	}
}

// hookOutcome checks one outcome of a hook, error included.
func (c *checker) hookOutcome(h *Hook, d *OutcomeDecl, voice voiceCtx, seen map[string]Pos, goNames map[string]string) {
	name, p := d.Name.Name, posOf(d.Name.Pos)
	then := c.target(d.Target, voice)
	if first, dup := seen[name]; dup {
		c.errorf(p, "hook %s already has outcome %s at line %d", h.Name, name, first.Line)
		return
	}
	seen[name] = p
	if name == "error" {
		if len(d.Values) > 0 {
			c.errorf(posOf(d.Values[0].Pos), "the error branch gives no values: it is taken when the hook has none to give")
		}
		h.Error = then
		return
	}
	o := &HookOutcome{Name: name, GoName: GoName(name), Pos: p, Then: then}
	if other, clash := goNames[o.GoName]; clash {
		c.errorf(p, "outcomes %s and %s of hook %s would both be %s in Go: rename one", name, other, h.Name, o.GoName)
	}
	goNames[o.GoName] = name
	names := map[string]bool{}
	for _, vd := range d.Values {
		if names[vd.Name.Name] {
			c.errorf(posOf(vd.Name.Pos), "outcome %s already gives %s", name, vd.Name.Name)
			continue
		}
		names[vd.Name.Name] = true
		if v := c.vars[vd.Name.Name]; v != nil {
			o.Values = append(o.Values, v)
		}
	}
	then.Sets = o.Values
	h.Outcomes = append(h.Outcomes, o)
}

// envVar checks an environment variable the file names (url env VAR).
func (c *checker) envVar(n *Name, what string) string {
	p := posOf(n.Pos)
	switch {
	case !envVarPattern.MatchString(n.Name):
		c.errorf(p, "%s is not an environment variable name: use upper case, digits and _ (such as IVR_BOOK_URL)", n.Name)
		return ""
	case reservedEnv[n.Name]:
		c.errorf(p, "%s is the server's own variable: give %s a variable of its own", n.Name, what)
		return ""
	}
	c.claimEnv(n.Name, what, p)
	return n.Name
}

// claimEnv records that the flow reads env for what, reporting a variable
// read for two things.
func (c *checker) claimEnv(env, what string, p Pos) {
	if other, dup := c.envs[env]; dup {
		c.errorf(p, "%s is already read for %s: give %s a variable of its own", env, other, what)
		return
	}
	c.envs[env] = what
}

// describeChain says the hooks of a chain and their deadlines: "book (3s),
// then notify (2s)".
func describeChain(hooks []*Hook) string {
	return joinNames(hooks, ", then ", func(h *Hook) string { return fmt.Sprintf("%s (%s)", h.Name, h.Within) })
}
