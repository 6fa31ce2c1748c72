package api

import (
	"encoding/json"
	"fmt"
)

// The four Open Badges 3.0 scopes (ob_v3p0.lines, package OAuth2ACG). Each
// endpoint requires exactly one of them.
const (
	ScopeCredentialRead   = "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly"
	ScopeCredentialUpsert = "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert"
	ScopeProfileRead      = "https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly"
	ScopeProfileUpdate    = "https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.update"
)

// The four CLR 2.0 scopes: the same operations under the CLR namespace.
const (
	ScopeClrCredentialRead   = "https://purl.imsglobal.org/spec/clr/v2p0/scope/credential.readonly"
	ScopeClrCredentialUpsert = "https://purl.imsglobal.org/spec/clr/v2p0/scope/credential.upsert"
	ScopeClrProfileRead      = "https://purl.imsglobal.org/spec/clr/v2p0/scope/profile.readonly"
	ScopeClrProfileUpdate    = "https://purl.imsglobal.org/spec/clr/v2p0/scope/profile.update"
)

// ScopeOfflineAccess asks for a refresh token; the spec's registration and
// authorization examples carry it next to the resource scopes.
const ScopeOfflineAccess = "offline_access"

// Base paths of the two APIs, relative to a host's base URL.
const (
	PathOB  = "/ims/ob/v3p0"
	PathCLR = "/ims/clr/v2p0"
)

// Media types of the upsert and list payloads.
const (
	MediaTypeVCLD = "application/vc+ld+json"
	MediaTypeJSON = "application/json"
	MediaTypeJWS  = "text/plain"
)

// CodeMajor is Imsx_CodeMajor: the primary outcome of a request.
type CodeMajor string

// Values of CodeMajor.
const (
	CodeMajorSuccess     CodeMajor = "success"
	CodeMajorProcessing  CodeMajor = "processing"
	CodeMajorFailure     CodeMajor = "failure"
	CodeMajorUnsupported CodeMajor = "unsupported"
)

// Severity is Imsx_Severity.
type Severity string

// Values of Severity.
const (
	SeverityStatus  Severity = "status"
	SeverityWarning Severity = "warning"
	SeverityError   Severity = "error"
)

// CodeMinor is an Imsx_CodeMinorFieldValue: the machine-readable reason of a
// failure.
type CodeMinor string

// Values of CodeMinor (the closed vocabulary of the 1EdTech schema).
const (
	MinorForbidden             CodeMinor = "forbidden"
	MinorFullSuccess           CodeMinor = "fullsuccess"
	MinorInternalServerError   CodeMinor = "internal_server_error"
	MinorInvalidData           CodeMinor = "invalid_data"
	MinorInvalidQueryParameter CodeMinor = "invalid_query_parameter"
	MinorMisdirectedRequest    CodeMinor = "misdirected_request"
	MinorNotAcceptable         CodeMinor = "not_acceptable"
	MinorNotAllowed            CodeMinor = "not_allowed"
	MinorNotFound              CodeMinor = "not_found"
	MinorNotModified           CodeMinor = "not_modified"
	MinorServerBusy            CodeMinor = "server_busy"
	MinorUnauthorizedRequest   CodeMinor = "unauthorizedrequest"
	MinorUnknown               CodeMinor = "unknown"
)

// StatusInfo is Imsx_StatusInfo, the body of every error response of the
// resource server (and of a 202 to PUT /profile); its fields are the
// imsx_ members of the same names.
type StatusInfo struct {
	CodeMajor   CodeMajor       `json:"imsx_codeMajor"`
	Severity    Severity        `json:"imsx_severity"`
	Description string          `json:"imsx_description,omitempty"`
	CodeMinor   *CodeMinorBlock `json:"imsx_codeMinor,omitempty"`
}

// CodeMinorBlock is Imsx_CodeMinor: one or more minor codes.
type CodeMinorBlock struct {
	Fields []CodeMinorField `json:"imsx_codeMinorField"`
}

// CodeMinorField is Imsx_CodeMinorField.
type CodeMinorField struct {
	Name  string    `json:"imsx_codeMinorFieldName"`
	Value CodeMinor `json:"imsx_codeMinorFieldValue"`
}

// Minor returns the first minor code, or "" when there is none.
func (s StatusInfo) Minor() CodeMinor {
	if s.CodeMinor == nil || len(s.CodeMinor.Fields) == 0 {
		return ""
	}
	return s.CodeMinor.Fields[0].Value
}

// failure builds the StatusInfo of an error response.
func failure(minor CodeMinor, description string) *StatusInfo {
	return &StatusInfo{
		CodeMajor:   CodeMajorFailure,
		Severity:    SeverityError,
		Description: description,
		CodeMinor:   &CodeMinorBlock{Fields: []CodeMinorField{{Name: "TargetEndSystem", Value: minor}}},
	}
}

// CredentialsResponse is GetOpenBadgeCredentialsResponse (and
// GetClrCredentialsResponse, which has the same shape): credentials with an
// embedded proof in Credential, VC-JWT credentials in CompactJWS.
type CredentialsResponse struct {
	Credential []json.RawMessage `json:"credential,omitempty"`
	CompactJWS []string          `json:"compactJwsString,omitempty"`
}

// OAuthError is the JSON error body of the registration, token and
// revocation endpoints (RFC 6749 §5.2, RFC 7591 §3.2.2): the spec's
// TokenError and RegistrationError vocabularies.
type OAuthError struct {
	Code        string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

func (e *OAuthError) Error() string {
	if e.Description == "" {
		return "oauth: " + e.Code
	}
	return fmt.Sprintf("oauth: %s: %s", e.Code, e.Description)
}

// ClientMetadata is an RFC 7591 client registration request with the
// fields the Open Badges security section lists (each field is the RFC's
// member of the same name); the registration response
// adds the issued client credentials (ClientInformation).
type ClientMetadata struct {
	ClientName              string   `json:"client_name"`
	ClientURI               string   `json:"client_uri"`
	LogoURI                 string   `json:"logo_uri"`
	TOSURI                  string   `json:"tos_uri"`
	PolicyURI               string   `json:"policy_uri"`
	SoftwareID              string   `json:"software_id"`
	SoftwareVersion         string   `json:"software_version"`
	RedirectURIs            []string `json:"redirect_uris"`
	Scope                   string   `json:"scope"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method,omitempty"`
	GrantTypes              []string `json:"grant_types,omitempty"`
	ResponseTypes           []string `json:"response_types,omitempty"`
	Contacts                []string `json:"contacts,omitempty"`
}

// ClientInformation is the RFC 7591 registration response: everything the
// client sent (as the server accepted it) plus its credentials.
type ClientInformation struct {
	ClientID              string `json:"client_id"`
	ClientSecret          string `json:"client_secret"`
	ClientIDIssuedAt      int64  `json:"client_id_issued_at"`
	ClientSecretExpiresAt int64  `json:"client_secret_expires_at"`
	ClientMetadata
}

// TokenResponse is the body of a successful token request (RFC 6749 §5.1);
// each field is the RFC's member of the same name.
type TokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Scope        string `json:"scope"`
}
