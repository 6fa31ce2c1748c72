package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/microcred/microcred/badge/api"
)

// Sentinels an *Error matches with errors.Is, by HTTP status.
var (
	ErrBadRequest   = errors.New("client: the server refused the request as invalid")               // 400
	ErrUnauthorized = errors.New("client: the access token is missing, expired or revoked")         // 401
	ErrForbidden    = errors.New("client: the access token lacks the scope the operation requires") // 403
	ErrNotFound     = errors.New("client: not found")                                               // 404
	ErrTooLarge     = errors.New("client: the request body is larger than the server accepts")      // 413
)

// Error is a failed API or OAuth call: the HTTP status and what the server
// said about it — an Imsx_StatusInfo from the resource server, or an OAuth
// error from the authorization server.
type Error struct {
	StatusCode int
	Status     *api.StatusInfo // resource server errors
	OAuth      *api.OAuthError // authorization server errors
}

func (e *Error) Error() string {
	switch {
	case e.Status != nil && e.Status.Description != "":
		return fmt.Sprintf("HTTP %d (%s): %s", e.StatusCode, e.Status.Minor(), e.Status.Description)
	case e.OAuth != nil:
		return fmt.Sprintf("HTTP %d: %s", e.StatusCode, e.OAuth.Error())
	}
	return fmt.Sprintf("HTTP %d %s", e.StatusCode, http.StatusText(e.StatusCode))
}

// Is matches the sentinel of e's status code.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrTooLarge:
		return e.StatusCode == http.StatusRequestEntityTooLarge
	}
	return false
}

// readError turns an unexpected response into an *Error, reading the
// body as an Imsx_StatusInfo or an OAuth error, whichever it is.
func readError(resp *http.Response) error {
	e := &Error{StatusCode: resp.StatusCode}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var probe struct {
		CodeMajor string `json:"imsx_codeMajor"`
		Error     string `json:"error"`
	}
	if json.Unmarshal(b, &probe) == nil {
		switch {
		case probe.CodeMajor != "":
			var st api.StatusInfo
			if json.Unmarshal(b, &st) == nil {
				e.Status = &st
			}
		case probe.Error != "":
			var oe api.OAuthError
			if json.Unmarshal(b, &oe) == nil {
				e.OAuth = &oe
			}
		}
	}
	return e
}
