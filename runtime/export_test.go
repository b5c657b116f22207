package runtime

import "context"

// DecideCallAction is the handler's work on a CALL_ACTION without the HTTP
// around it: body decoded, the flow's answer chosen and written. ok is
// false when the fast decoder did not take body.
func DecideCallAction(flow Flow, body []byte) (answer []byte, ok bool) {
	h := &handler{flow: flow, codec: DefaultStateCodec}
	x := new(exchange)
	if x.out.call, ok = fastCallAction(body, &x.event); !ok {
		return nil, false
	}
	return h.next(context.Background(), x).Body(), true
}
