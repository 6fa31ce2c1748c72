package badge

import "slices"

// AchievementType is the kind of achievement. The vocabulary is extensible:
// besides the listed terms, any value of the form "ext:Name" is valid.
type AchievementType string

// The AchievementType vocabulary (common_credentials.lines L262).
const (
	AchievementTypeAchievement                 AchievementType = "Achievement"
	AchievementTypeApprenticeshipCertificate   AchievementType = "ApprenticeshipCertificate"
	AchievementTypeAssessment                  AchievementType = "Assessment"
	AchievementTypeAssignment                  AchievementType = "Assignment"
	AchievementTypeAssociateDegree             AchievementType = "AssociateDegree"
	AchievementTypeAward                       AchievementType = "Award"
	AchievementTypeBadge                       AchievementType = "Badge"
	AchievementTypeBachelorDegree              AchievementType = "BachelorDegree"
	AchievementTypeCertificate                 AchievementType = "Certificate"
	AchievementTypeCertificateOfCompletion     AchievementType = "CertificateOfCompletion"
	AchievementTypeCertification               AchievementType = "Certification"
	AchievementTypeCommunityService            AchievementType = "CommunityService"
	AchievementTypeCompetency                  AchievementType = "Competency"
	AchievementTypeCourse                      AchievementType = "Course"
	AchievementTypeCoCurricular                AchievementType = "CoCurricular"
	AchievementTypeDegree                      AchievementType = "Degree"
	AchievementTypeDiploma                     AchievementType = "Diploma"
	AchievementTypeDoctoralDegree              AchievementType = "DoctoralDegree"
	AchievementTypeFieldwork                   AchievementType = "Fieldwork"
	AchievementTypeGeneralEducationDevelopment AchievementType = "GeneralEducationDevelopment"
	AchievementTypeJourneymanCertificate       AchievementType = "JourneymanCertificate"
	AchievementTypeLearningProgram             AchievementType = "LearningProgram"
	AchievementTypeLicense                     AchievementType = "License"
	AchievementTypeMembership                  AchievementType = "Membership"
	AchievementTypeProfessionalDoctorate       AchievementType = "ProfessionalDoctorate"
	AchievementTypeQualityAssuranceCredential  AchievementType = "QualityAssuranceCredential"
	AchievementTypeMasterCertificate           AchievementType = "MasterCertificate"
	AchievementTypeMasterDegree                AchievementType = "MasterDegree"
	AchievementTypeMicroCredential             AchievementType = "MicroCredential"
	AchievementTypeResearchDoctorate           AchievementType = "ResearchDoctorate"
	AchievementTypeSecondarySchoolDiploma      AchievementType = "SecondarySchoolDiploma"
)

var achievementTypes = []AchievementType{
	AchievementTypeAchievement, AchievementTypeApprenticeshipCertificate, AchievementTypeAssessment,
	AchievementTypeAssignment, AchievementTypeAssociateDegree, AchievementTypeAward, AchievementTypeBadge,
	AchievementTypeBachelorDegree, AchievementTypeCertificate, AchievementTypeCertificateOfCompletion,
	AchievementTypeCertification, AchievementTypeCommunityService, AchievementTypeCompetency,
	AchievementTypeCourse, AchievementTypeCoCurricular, AchievementTypeDegree, AchievementTypeDiploma,
	AchievementTypeDoctoralDegree, AchievementTypeFieldwork, AchievementTypeGeneralEducationDevelopment,
	AchievementTypeJourneymanCertificate, AchievementTypeLearningProgram, AchievementTypeLicense,
	AchievementTypeMembership, AchievementTypeProfessionalDoctorate,
	AchievementTypeQualityAssuranceCredential, AchievementTypeMasterCertificate,
	AchievementTypeMasterDegree, AchievementTypeMicroCredential, AchievementTypeResearchDoctorate,
	AchievementTypeSecondarySchoolDiploma,
}

// Valid reports whether t is a listed term or an "ext:" extension term.
func (t AchievementType) Valid() bool {
	return slices.Contains(achievementTypes, t) || isExtTerm(string(t))
}

// ResultType is the kind of a result. Extensible with "ext:" terms.
type ResultType string

// The ResultType vocabulary (L307).
const (
	ResultTypeGradePointAverage    ResultType = "GradePointAverage"
	ResultTypeLetterGrade          ResultType = "LetterGrade"
	ResultTypePercent              ResultType = "Percent"
	ResultTypePerformanceLevel     ResultType = "PerformanceLevel"
	ResultTypePredictedScore       ResultType = "PredictedScore"
	ResultTypeRawScore             ResultType = "RawScore"
	ResultTypeResult               ResultType = "Result"
	ResultTypeRubricCriterion      ResultType = "RubricCriterion"
	ResultTypeRubricCriterionLevel ResultType = "RubricCriterionLevel"
	ResultTypeRubricScore          ResultType = "RubricScore"
	ResultTypeScaledScore          ResultType = "ScaledScore"
	ResultTypeStatus               ResultType = "Status"
)

var resultTypes = []ResultType{
	ResultTypeGradePointAverage, ResultTypeLetterGrade, ResultTypePercent, ResultTypePerformanceLevel,
	ResultTypePredictedScore, ResultTypeRawScore, ResultTypeResult, ResultTypeRubricCriterion,
	ResultTypeRubricCriterionLevel, ResultTypeRubricScore, ResultTypeScaledScore, ResultTypeStatus,
}

// Valid reports whether t is a listed term or an "ext:" extension term.
func (t ResultType) Valid() bool { return slices.Contains(resultTypes, t) || isExtTerm(string(t)) }

// ResultStatusType is the status of a Result. The set is closed.
type ResultStatusType string

// The ResultStatusType vocabulary (L321).
const (
	ResultStatusCompleted   ResultStatusType = "Completed"
	ResultStatusEnrolled    ResultStatusType = "Enrolled"
	ResultStatusFailed      ResultStatusType = "Failed"
	ResultStatusInProgress  ResultStatusType = "InProgress"
	ResultStatusOnHold      ResultStatusType = "OnHold"
	ResultStatusProvisional ResultStatusType = "Provisional"
	ResultStatusWithdrew    ResultStatusType = "Withdrew"
)

var resultStatusTypes = []ResultStatusType{
	ResultStatusCompleted, ResultStatusEnrolled, ResultStatusFailed, ResultStatusInProgress,
	ResultStatusOnHold, ResultStatusProvisional, ResultStatusWithdrew,
}

// Valid reports whether s is one of the listed terms (no extensions).
func (s ResultStatusType) Valid() bool { return slices.Contains(resultStatusTypes, s) }

// AlignmentTargetType is the kind of node an Alignment points at.
// Extensible with "ext:" terms.
type AlignmentTargetType string

// The AlignmentTargetType vocabulary (L295).
const (
	AlignmentTargetCompetency             AlignmentTargetType = "ceasn:Competency"
	AlignmentTargetCredential             AlignmentTargetType = "ceterms:Credential"
	AlignmentTargetCFItem                 AlignmentTargetType = "CFItem"
	AlignmentTargetCFRubric               AlignmentTargetType = "CFRubric"
	AlignmentTargetCFRubricCriterion      AlignmentTargetType = "CFRubricCriterion"
	AlignmentTargetCFRubricCriterionLevel AlignmentTargetType = "CFRubricCriterionLevel"
	AlignmentTargetCTDL                   AlignmentTargetType = "CTDL"
)

var alignmentTargetTypes = []AlignmentTargetType{
	AlignmentTargetCompetency, AlignmentTargetCredential, AlignmentTargetCFItem, AlignmentTargetCFRubric,
	AlignmentTargetCFRubricCriterion, AlignmentTargetCFRubricCriterionLevel, AlignmentTargetCTDL,
}

// Valid reports whether t is a listed term or an "ext:" extension term.
func (t AlignmentTargetType) Valid() bool {
	return slices.Contains(alignmentTargetTypes, t) || isExtTerm(string(t))
}

// IdentifierType is the kind of an identifier in an IdentityObject or
// IdentifierEntry. Extensible with "ext:" terms.
type IdentifierType string

// The IdentifierTypeEnum vocabulary.
const (
	IdentifierName                   IdentifierType = "name"
	IdentifierSourcedID              IdentifierType = "sourcedId"
	IdentifierSystemID               IdentifierType = "systemId"
	IdentifierProductID              IdentifierType = "productId"
	IdentifierUserName               IdentifierType = "userName"
	IdentifierAccountID              IdentifierType = "accountId"
	IdentifierEmailAddress           IdentifierType = "emailAddress"
	IdentifierNationalIdentityNumber IdentifierType = "nationalIdentityNumber"
	IdentifierISBN                   IdentifierType = "isbn"
	IdentifierISSN                   IdentifierType = "issn"
	IdentifierLisSourcedID           IdentifierType = "lisSourcedId"
	IdentifierOneRosterSourcedID     IdentifierType = "oneRosterSourcedId"
	IdentifierSisSourcedID           IdentifierType = "sisSourcedId"
	IdentifierLtiContextID           IdentifierType = "ltiContextId"
	IdentifierLtiDeploymentID        IdentifierType = "ltiDeploymentId"
	IdentifierLtiToolID              IdentifierType = "ltiToolId"
	IdentifierLtiPlatformID          IdentifierType = "ltiPlatformId"
	IdentifierLtiUserID              IdentifierType = "ltiUserId"
	IdentifierIdentifier             IdentifierType = "identifier"
)

var identifierTypes = []IdentifierType{
	IdentifierName, IdentifierSourcedID, IdentifierSystemID, IdentifierProductID, IdentifierUserName,
	IdentifierAccountID, IdentifierEmailAddress, IdentifierNationalIdentityNumber, IdentifierISBN,
	IdentifierISSN, IdentifierLisSourcedID, IdentifierOneRosterSourcedID, IdentifierSisSourcedID,
	IdentifierLtiContextID, IdentifierLtiDeploymentID, IdentifierLtiToolID, IdentifierLtiPlatformID,
	IdentifierLtiUserID, IdentifierIdentifier,
}

// Valid reports whether t is a listed term or an "ext:" extension term.
func (t IdentifierType) Valid() bool {
	return slices.Contains(identifierTypes, t) || isExtTerm(string(t))
}

// AssociationType is the relation between two achievements in a CLR,
// read "source <type> target". The set is closed: CASE-only types such as
// exemplar are not allowed.
type AssociationType string

// The AssociationType vocabulary (CLR 2.0).
const (
	AssociationExactMatchOf AssociationType = "exactMatchOf"
	AssociationIsChildOf    AssociationType = "isChildOf"
	AssociationIsParentOf   AssociationType = "isParentOf"
	AssociationIsPartOf     AssociationType = "isPartOf"
	AssociationIsPeerOf     AssociationType = "isPeerOf"
	AssociationIsRelatedTo  AssociationType = "isRelatedTo"
	AssociationPrecedes     AssociationType = "precedes"
	AssociationReplacedBy   AssociationType = "replacedBy"
)

var associationTypes = []AssociationType{
	AssociationExactMatchOf, AssociationIsChildOf, AssociationIsParentOf, AssociationIsPartOf,
	AssociationIsPeerOf, AssociationIsRelatedTo, AssociationPrecedes, AssociationReplacedBy,
}

// Valid reports whether t is one of the eight listed terms.
func (t AssociationType) Valid() bool { return slices.Contains(associationTypes, t) }

// isExtTerm reports whether s is an extension term "ext:" followed by one
// or more of [A-Za-z0-9.|_-]. The official schemas use the unanchored
// pattern (ext:)[a-z|A-Z|0-9|.|-|_]+, which would accept "xext:a b"; this
// check is anchored, as the data model intends.
func isExtTerm(s string) bool {
	rest, ok := cutPrefix(s, "ext:")
	if !ok || rest == "" {
		return false
	}
	for _, c := range rest {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '.', c == '|', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return s, false
}
