package api

import (
	"encoding/json"

	"github.com/microcred/microcred/badge"
)

// flavor is what differs between the Open Badges 3.0 and the CLR 2.0 API:
// the base path, the scopes, and the credential class. Everything else —
// endpoints, paging, errors, upsert semantics — is the same model.
type flavor struct {
	name       string
	base       string
	readScope  string
	upsert     string
	profRead   string
	profUpdate string
	kind       badge.Kind
	credClass  string // AchievementCredential or ClrCredential
	listClass  string // GetOpenBadgeCredentialsResponse or GetClrCredentialsResponse
	schemaPfx  string // where 1EdTech publishes the JSON Schemas of the classes
}

var (
	flavorOB = flavor{
		name: "Open Badges 3.0", base: PathOB,
		readScope: ScopeCredentialRead, upsert: ScopeCredentialUpsert,
		profRead: ScopeProfileRead, profUpdate: ScopeProfileUpdate,
		kind: badge.KindAchievement, credClass: "AchievementCredential",
		listClass: "GetOpenBadgeCredentialsResponse",
		schemaPfx: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_",
	}
	flavorCLR = flavor{
		name: "Comprehensive Learner Record 2.0", base: PathCLR,
		readScope: ScopeClrCredentialRead, upsert: ScopeClrCredentialUpsert,
		profRead: ScopeClrProfileRead, profUpdate: ScopeClrProfileUpdate,
		kind: badge.KindCLR, credClass: "ClrCredential",
		listClass: "GetClrCredentialsResponse",
		schemaPfx: "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_",
	}
)

func (f flavor) scopes() []string { return []string{f.readScope, f.upsert, f.profRead, f.profUpdate} }

func (f flavor) schemaURL(class string) string {
	return f.schemaPfx + lower(class) + "_schema.json"
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// ServiceInfo is what a host says about itself in its Service Description
// Document (the info object and the OAuth2ACG security scheme).
type ServiceInfo struct {
	// Title is the name of the resource server, shown to users when a
	// client registers. Defaults to "Open Badges host".
	Title string
	// TermsOfService and PrivacyPolicy are fully qualified URLs; the spec
	// requires both. They default to BaseURL + "/terms" and "/privacy".
	TermsOfService string
	PrivacyPolicy  string
	// Image is an optional image (a URL or a data: URI).
	Image string
}

// OpenAPIDocument returns the OpenAPI 3.0 document of the Open Badges 3.0
// API (clr false) or the CLR 2.0 API (clr true), written from the formal
// model (ob_v3p0.lines: Operations, Scopes; common_credentials.lines:
// ServiceDescriptionDocument, Imsx_StatusInfo). Payload schemas refer to the
// JSON Schemas 1EdTech publishes for each class. The host's URLs are left
// as placeholders; the discovery endpoint serves the same document with
// them filled in.
func OpenAPIDocument(clr bool) []byte {
	f := flavorOB
	if clr {
		f = flavorCLR
	}
	b, err := json.MarshalIndent(openAPI(f, sddURLs{
		base: "https://host.example", register: "https://host.example/oauth/register",
		authorize: "https://host.example/oauth/authorize", token: "https://host.example/oauth/token",
		revoke: "https://host.example/oauth/revoke",
		terms:  "https://host.example/terms", privacy: "https://host.example/privacy",
		title: "Example host",
	}), "", "  ")
	if err != nil {
		panic(err) // a literal map of strings always marshals
	}
	return b
}

type sddURLs struct {
	base, register, authorize, token, revoke, terms, privacy, title, image string
}

type obj = map[string]any

func openAPI(f flavor, u sddURLs) obj {
	ref := func(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }
	status := func(desc string) obj {
		return obj{"description": desc, "content": obj{MediaTypeJSON: obj{"schema": ref("Imsx_StatusInfo")}}}
	}
	errs := func(codes ...string) obj {
		desc := map[string]string{
			"304": "Not modified: the request was conditional and the client has a valid representation.",
			"400": "The server cannot or will not process the request due to a client error.",
			"401": "The request lacks valid authentication credentials (a missing, expired or revoked access token).",
			"403": "The access token does not carry the scope the operation requires.",
			"404": "No current representation of the target resource.",
			"405": "The method is not allowed.",
			"413": "The request body is larger than the server accepts.",
			"415": "The request's Content-Type is not one the operation accepts.",
			"500": "A catastrophic error; the description says what happened.",
		}
		r := obj{"default": status("The request was invalid or cannot be served; the payload explains why.")}
		for _, c := range codes {
			r[c] = status(desc[c])
		}
		return r
	}
	with := func(r obj, code string, v obj) obj { r[code] = v; return r }
	security := func(scope string) []obj { return []obj{{"OAuth2ACG": []string{scope}}} }
	credBody := func(desc string) obj {
		return obj{"description": desc, "content": obj{
			MediaTypeVCLD: obj{"schema": ref(f.credClass)},
			MediaTypeJSON: obj{"schema": ref(f.credClass)},
			MediaTypeJWS:  obj{"schema": ref("CompactJws")},
		}}
	}
	profile := obj{"description": "The profile of the authenticated entity.",
		"content": obj{MediaTypeJSON: obj{"schema": ref("Profile")}}}
	pagingHeaders := obj{
		"X-Total-Count": obj{"description": "The total number of credentials that match the request.", "schema": obj{"type": "integer", "minimum": 0}},
		"Link":          obj{"description": "RFC 8288 links to the first, last, next and previous pages.", "schema": obj{"type": "string"}},
	}
	scopes := obj{}
	for _, s := range f.scopes() {
		scopes[s] = scopeDescription(f, s)
	}
	info := obj{
		"title":                    u.title,
		"version":                  "1.0",
		"description":              "The " + f.name + " API of this host.",
		"termsOfService":           u.terms,
		"x-imssf-privacyPolicyUrl": u.privacy,
	}
	if u.image != "" {
		info["x-imssf-image"] = u.image
	}
	return obj{
		"openapi": "3.0.1",
		"info":    info,
		"servers": []obj{{"url": u.base + f.base}},
		"tags":    []obj{{"name": "Credentials"}, {"name": "Profile"}, {"name": "Discovery"}},
		"paths": obj{
			"/credentials": obj{
				"get": obj{
					"tags": []string{"Credentials"}, "operationId": "getCredentials",
					"summary": "Get the credentials of the authenticated entity.",
					"parameters": []obj{
						{"name": "limit", "in": "query", "required": false, "description": "The maximum number of credentials per page.", "schema": obj{"type": "integer", "minimum": 1}},
						{"name": "offset", "in": "query", "required": false, "description": "The index of the first credential to return (zero indexed).", "schema": obj{"type": "integer", "minimum": 0}},
						{"name": "since", "in": "query", "required": false, "description": "Only credentials issued after this time.", "schema": obj{"type": "string", "format": "date-time"}},
					},
					"responses": with(errs("400", "401", "403", "405", "500"), "200", obj{
						"description": "The credentials that meet the request parameters; paging applies to their total.",
						"headers":     pagingHeaders,
						"content":     obj{MediaTypeJSON: obj{"schema": ref(f.listClass)}},
					}),
					"security": security(f.readScope),
				},
				"post": obj{
					"tags": []string{"Credentials"}, "operationId": "upsertCredential",
					"summary":     "Create or replace a credential of the authenticated entity.",
					"requestBody": credBody("The credential: JSON with an embedded proof, or a compact JWS (VC-JWT) as text/plain."),
					"responses": with(with(errs("304", "400", "401", "403", "404", "405", "413", "415", "500"),
						"200", credBody("The credential replaced an equal one; the body is the credential in the request.")),
						"201", credBody("The credential was inserted; the body is the credential in the request.")),
					"security": security(f.upsert),
				},
			},
			"/profile": obj{
				"get": obj{
					"tags": []string{"Profile"}, "operationId": "getProfile",
					"summary":   "Get the profile of the authenticated entity.",
					"responses": with(with(errs("400", "401", "403", "405", "500"), "404", status("The entity has no profile.")), "200", profile),
					"security":  security(f.profRead),
				},
				"put": obj{
					"tags": []string{"Profile"}, "operationId": "putProfile",
					"summary":     "Replace the profile of the authenticated entity.",
					"requestBody": obj{"description": "The entire Profile.", "required": true, "content": obj{MediaTypeJSON: obj{"schema": ref("Profile")}}},
					"responses": with(with(errs("304", "400", "401", "403", "404", "405", "413", "415", "500"),
						"202", status("Accepted for processing.")), "200", profile),
					"security": security(f.profUpdate),
				},
			},
			"/discovery": obj{
				"get": obj{
					"tags": []string{"Discovery"}, "operationId": "getServiceDescription",
					"summary": "The Service Description Document (this document, with the host's URLs).",
					"responses": obj{
						"200":     obj{"description": "The service description document.", "content": obj{MediaTypeJSON: obj{"schema": ref("ServiceDescriptionDocument")}}},
						"default": status("The request was invalid or cannot be served."),
					},
				},
			},
		},
		"components": obj{
			"securitySchemes": obj{
				"OAuth2ACG": obj{
					"type":                      "oauth2",
					"description":               "OAuth 2.0 Authorization Code Grant authorization",
					"x-imssf-name":              u.title,
					"x-imssf-privacyPolicyUrl":  u.privacy,
					"x-imssf-registrationUrl":   u.register,
					"x-imssf-termsOfServiceUrl": u.terms,
					// Not in the spec's SDD: where RFC 7009 revocation is
					// (the OpenAPI flow object has no field for it).
					"x-microcred-revocationUrl": u.revoke,
					"flows": obj{"authorizationCode": obj{
						"authorizationUrl": u.authorize,
						"tokenUrl":         u.token,
						"refreshUrl":       u.token,
						"scopes":           scopes,
					}},
				},
			},
			"schemas": obj{
				f.listClass:       obj{"$ref": f.schemaURL(f.listClass)},
				f.credClass:       obj{"$ref": f.schemaURL(f.credClass)},
				"Profile":         obj{"$ref": f.schemaURL("Profile")},
				"Imsx_StatusInfo": obj{"$ref": f.schemaURL("Imsx_StatusInfo")},
				"CompactJws": obj{
					"description": "A String in Compact JWS format [RFC7515].",
					"type":        "string",
					"pattern":     `^[a-zA-Z0-9_-]+\.[a-zA-Z0-9_-]*\.[a-zA-Z0-9_-]+$`,
				},
				"ServiceDescriptionDocument": serviceDescriptionSchema(),
			},
		},
	}
}

// serviceDescriptionSchema is the ServiceDescriptionDocument class of
// common_credentials.lines (which lists only the properties the spec
// profiles; the rest of OpenAPI is allowed).
func serviceDescriptionSchema() obj {
	url := obj{"type": "string", "format": "uri"}
	return obj{
		"type":     "object",
		"required": []string{"openapi", "info", "components"},
		"properties": obj{
			"openapi": obj{"type": "string"},
			"info": obj{
				"type":     "object",
				"required": []string{"termsOfService", "title", "version", "x-imssf-privacyPolicyUrl"},
				"properties": obj{
					"termsOfService":           url,
					"title":                    obj{"type": "string"},
					"version":                  obj{"type": "string"},
					"x-imssf-image":            obj{"type": "string"},
					"x-imssf-privacyPolicyUrl": url,
				},
			},
			"components": obj{
				"type":     "object",
				"required": []string{"securitySchemes"},
				"properties": obj{
					"securitySchemes": obj{
						"type": "object",
						"properties": obj{
							"OAuth2ACG": obj{
								"type":     "object",
								"required": []string{"type", "x-imssf-registrationUrl"},
								"properties": obj{
									"type":                    obj{"type": "string", "enum": []string{"oauth2"}},
									"description":             obj{"type": "string"},
									"x-imssf-registrationUrl": url,
								},
							},
						},
					},
				},
			},
		},
	}
}

func scopeDescription(f flavor, scope string) string {
	switch scope {
	case f.readScope:
		return "Permission to read " + f.credClass + "s for the authenticated entity."
	case f.upsert:
		return "Permission to create or update " + f.credClass + "s for the authenticated entity."
	case f.profRead:
		return "Permission to read the profile for the authenticated entity."
	default:
		return "Permission to update the profile for the authenticated entity."
	}
}
