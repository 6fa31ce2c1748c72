package acceptance

// Credentials shaped the way real issuers make them. Each builder returns a
// fresh JSON value; the reference stack replaces the issuer id with its key's
// did:key before signing.

const (
	ctxVC2      = "https://www.w3.org/ns/credentials/v2"
	ctxVC1      = "https://www.w3.org/2018/credentials/v1"
	ctxOB300    = "https://purl.imsglobal.org/spec/ob/v3p0/context.json"
	ctxOB301    = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json"
	ctxOB302    = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"
	ctxOB303    = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
	ctxOBExt    = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
	ctxDIv1     = "https://w3id.org/security/data-integrity/v1"
	ctxDIv2     = "https://w3id.org/security/data-integrity/v2"
	ctxEd2020   = "https://w3id.org/security/suites/ed25519-2020/v1"
	ctxA11y     = "https://openbadgespec.org/extensions/accessibilityExtension/context-3.0.0.json"
	ctxLicense  = "https://openbadgespec.org/extensions/licenseExtension/context-3.0.0.json"
	ctxGeo      = "https://openbadgespec.org/extensions/geoCoordinatesExtension/context-3.0.0.json"
	ctxApplyLnk = "https://openbadgespec.org/extensions/applyLinkExtension/context-3.0.0.json"

	learnerDID    = "did:example:ebfeb1f712ebc6f1c276e12ec21"
	achievementID = "https://example.edu/achievements/teamwork"
)

type obj = map[string]any
type arr = []any

func baseAchievement() obj {
	return obj{
		"id":              achievementID,
		"type":            arr{"Achievement"},
		"achievementType": "Badge",
		"criteria":        obj{"narrative": "Team members are nominated for this badge by their peers."},
		"description":     "This badge recognizes the capacity to collaborate within a group.",
		"name":            "Teamwork",
	}
}

// baseCredential is a minimal OB 3.0 credential on VC 2.0 (OB 3.0 §B.1
// AchievementCredential: @context, id, type, issuer, validFrom, credentialSubject).
func baseCredential() obj {
	return obj{
		"@context":  arr{ctxVC2, ctxOB303},
		"id":        "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
		"type":      arr{"VerifiableCredential", "OpenBadgeCredential"},
		"issuer":    obj{"id": "https://example.edu/issuers/565049", "type": arr{"Profile"}, "name": "Example University"},
		"validFrom": "2024-01-01T00:00:00Z",
		"name":      "Teamwork Badge",
		"credentialSubject": obj{
			"id":          learnerDID,
			"type":        arr{"AchievementSubject"},
			"achievement": baseAchievement(),
		},
	}
}

// vc11Credential is the VC Data Model 1.1 shape OB 3.0 still accepts
// (OB 3.0 §8 "AnyAchievementCredential", AchievementCredentialv1p1:
// credentials/v1 first, issuanceDate and expirationDate, name required).
func vc11Credential(contexts ...string) obj {
	c := baseCredential()
	ctx := arr{}
	for _, s := range contexts {
		ctx = append(ctx, s)
	}
	c["@context"] = ctx
	delete(c, "validFrom")
	c["issuanceDate"] = "2024-01-01T00:00:00Z"
	c["expirationDate"] = "2099-01-01T00:00:00Z"
	return c
}

// richIssuer is an issuer Profile with the optional properties real issuers
// fill in (OB 3.0 §B.1.10 Profile, §B.1.3 Address, GeoCoordinates,
// IdentifierEntry, parentOrg).
func richIssuer() obj {
	return obj{
		"id":          "https://example.edu/issuers/565049",
		"type":        arr{"Profile"},
		"name":        "Example University",
		"url":         "https://example.edu",
		"phone":       "1-222-333-4444",
		"description": "A university that issues badges.",
		"email":       "registrar@example.edu",
		"official":    "Registrar",
		"image":       obj{"id": "https://example.edu/logo.png", "type": "Image", "caption": "Logo"},
		"address": obj{
			"type":                arr{"Address"},
			"addressCountry":      "USA",
			"addressCountryCode":  "US",
			"addressRegion":       "TX",
			"addressLocality":     "Austin",
			"streetAddress":       "123 First St",
			"postOfficeBoxNumber": "1",
			"postalCode":          "12345",
			"geo":                 obj{"type": "GeoCoordinates", "latitude": 30.2672, "longitude": -97.7431},
		},
		"otherIdentifier": arr{
			obj{"type": "IdentifierEntry", "identifier": "12345", "identifierType": "sourcedId"},
			obj{"type": "IdentifierEntry", "identifier": "ext-98765", "identifierType": "ext:orgNumber"},
		},
		"parentOrg": obj{"id": "https://example.edu/system", "type": arr{"Profile"}, "name": "Example University System"},
	}
}

// richAchievement has an image object, alignments, result descriptions with
// rubric levels, related achievements and other identifiers (OB 3.0 §B.1.1
// Achievement, §B.1.2 Alignment, §B.1.18 ResultDescription, §B.1.20
// RubricCriterionLevel, §B.1.16 Related).
func richAchievement() obj {
	a := baseAchievement()
	a["image"] = obj{"id": "data:image/png;base64,iVBORw0KGgo=", "type": "Image", "caption": "Teamwork"}
	a["alignment"] = arr{
		obj{"type": arr{"Alignment"}, "targetName": "Collaboration", "targetUrl": "https://example.org/frameworks/c/1",
			"targetCode": "C1", "targetFramework": "Example Framework", "targetType": "ceasn:Competency",
			"targetDescription": "Works with others."},
		obj{"type": arr{"Alignment"}, "targetName": "Communication", "targetUrl": "https://example.org/frameworks/c/2",
			"targetType": "CFItem"},
	}
	a["resultDescription"] = arr{
		obj{"id": "urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c", "type": arr{"ResultDescription"},
			"name": "Teamwork rubric", "resultType": "RubricCriterionLevel",
			"requiredLevel": "urn:uuid:d0b0f0e8-0001-4a5b-9d7e-000000000002",
			"rubricCriterionLevel": arr{
				obj{"id": "urn:uuid:d0b0f0e8-0001-4a5b-9d7e-000000000001", "type": arr{"RubricCriterionLevel"},
					"name": "Novice", "level": "1", "points": "1", "description": "Starts."},
				obj{"id": "urn:uuid:d0b0f0e8-0001-4a5b-9d7e-000000000002", "type": arr{"RubricCriterionLevel"},
					"name": "Proficient", "level": "2", "points": "2"},
			}},
		obj{"id": "urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41d", "type": arr{"ResultDescription"},
			"name": "Final grade", "resultType": "LetterGrade", "allowedValue": arr{"D", "C", "B", "A"},
			"requiredValue": "C"},
	}
	a["related"] = arr{obj{"id": "https://example.edu/achievements/teamwork-es", "type": arr{"Related"},
		"inLanguage": "es", "version": "1.0"}}
	a["otherIdentifier"] = arr{obj{"type": "IdentifierEntry", "identifier": "TW-101", "identifierType": "identifier"}}
	a["tag"] = arr{"teamwork", "collaboration"}
	a["humanCode"] = "TW-101"
	a["inLanguage"] = "en"
	a["version"] = "2"
	return a
}

func richSubject() obj {
	return obj{
		"id":          learnerDID,
		"type":        arr{"AchievementSubject"},
		"achievement": richAchievement(),
		"result": arr{
			obj{"type": arr{"Result"}, "resultDescription": "urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c",
				"achievedLevel": "urn:uuid:d0b0f0e8-0001-4a5b-9d7e-000000000002"},
			obj{"type": arr{"Result"}, "resultDescription": "urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41d", "value": "B"},
		},
		"narrative": "Led a team of five.",
	}
}

// hashedEmail is sha256("learner@example.com" + "Kosher"), computed below
// with badge.HashedEmail in the test that uses it and checked there.
const learnerEmail = "learner@example.com"
const learnerSalt = "Kosher"

func nestedParentOrgs(depth int) obj {
	p := obj{"id": "https://example.edu/org/root", "type": arr{"Profile"}, "name": "Root"}
	for i := 1; i < depth; i++ {
		p = obj{"id": "https://example.edu/org/" + string(rune('a'+i%26)) + string(rune('0'+i/26)),
			"type": arr{"Profile"}, "name": "Level", "parentOrg": p}
	}
	return p
}
