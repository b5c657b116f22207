-- wrk posts the same CALL_ACTION to both servers: the restaurant's main
-- menu, key 1 (a menu answered with the reservations menu).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"namespace":"VOICE","eventType":"CALL_ACTION","description":"Action completed","payload":{"eventId":"e1","callId":"c1","sessionId":"s1","subAccountId":"acme","callStatus":"ACTION_COMPLETED","callDirection":"INBOUND","source":"+6591234567","destination":"+6531591234","clientActionId":"main","eventData":{"dtmf":"1"}}}'
