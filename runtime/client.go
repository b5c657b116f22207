package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client places calls through 8x8's Callflows API.
type Client struct {
	BaseURL      string       // e.g. https://voice.8x8.com
	APIKey       string       // sent as Authorization: Bearer APIKey
	SubAccountID string       // the sub-account the call is placed for
	HTTP         *http.Client // nil: a client with a 30s timeout
}

// APIError is 8x8's refusal of a callflow.
type APIError struct {
	HTTPStatus    int
	StatusCode    int    // 8x8's code, such as -1002
	StatusMessage string // 8x8's words
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s (8x8 status %d, HTTP %d)", e.StatusMessage, e.StatusCode, e.HTTPStatus)
}

// callflowResponse is the Callflows API's answer, success or refusal.
type callflowResponse struct {
	SessionID     string `json:"sessionId"`
	SessionStatus string `json:"sessionStatus"`
	StatusCode    int    `json:"statusCode"`
	StatusMessage string `json:"statusMessage"`
}

// maxResponseBytes bounds what is read of the API's answer.
const maxResponseBytes = 1 << 20

// PlaceCall calls destination from source and, once answered, plays
// capture; the caller's digits then reach the VCA webhook. clientRequestID
// is sent only when set. It returns 8x8's sessionId.
func (c *Client) PlaceCall(ctx context.Context, source, destination Number, capture SayAndCapture, clientRequestID string) (string, error) {
	body, err := json.Marshal(struct {
		Callflow        []Action `json:"callflow"`
		ClientRequestID string   `json:"clientRequestId,omitempty"`
	}{[]Action{MakeCall{Source: source, Destination: destination}, capture}, clientRequestID})
	if err != nil {
		return "", err
	}
	endpoint := strings.TrimSuffix(c.BaseURL, "/") + "/api/v1/subaccounts/" + url.PathEscape(c.SubAccountID) + "/callflows"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+c.APIKey)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return "", fmt.Errorf("calling 8x8: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return "", fmt.Errorf("reading 8x8's answer: %v", err)
	}
	return parseCallflowResponse(resp.StatusCode, raw)
}

// parseCallflowResponse returns the sessionId of a created session, an
// *APIError for 8x8's refusal, or an error quoting an answer that is not
// 8x8's JSON.
func parseCallflowResponse(status int, raw []byte) (string, error) {
	var r callflowResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		excerpt := string(raw)
		if len(excerpt) > 200 {
			excerpt = excerpt[:200] + "..."
		}
		return "", fmt.Errorf("8x8 answered HTTP %d with %q", status, excerpt)
	}
	refused := r.SessionStatus == "NOT_CREATED" || r.StatusCode < 0
	created := r.SessionStatus == "CREATED" || r.StatusCode == 1
	if status/100 != 2 || refused || !created || r.SessionID == "" {
		msg := r.StatusMessage
		if msg == "" {
			msg = "no session created: " + http.StatusText(status)
		}
		return "", &APIError{HTTPStatus: status, StatusCode: r.StatusCode, StatusMessage: msg}
	}
	return r.SessionID, nil
}
