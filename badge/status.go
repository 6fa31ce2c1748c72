package badge

import (
	"encoding/json"
	"strconv"
)

// TypeBitstringStatusListEntry is the W3C status entry type, defined in
// the VC 2.0 context (no extra context needed).
const TypeBitstringStatusListEntry = "BitstringStatusListEntry"

// BitstringStatus returns the credentialStatus entry pointing at bit index
// of the BitstringStatusListCredential at listCredential, for purpose
// ("revocation", "suspension", "refresh" or "message"). Its id is
// listCredential#index, and statusListIndex is written as a decimal
// string, as VC 2.0 specifies. Put it in [Options].Status. A host that
// keeps its lists with package credential/status gets the same value,
// with statusSize and statusMessage for multi-bit lists, from its
// List.Entry, and publishes the list with it too.
func BitstringStatus(listCredential string, index int, purpose string) *CredentialStatus {
	idx := strconv.Itoa(index)
	quoted, _ := json.Marshal(idx)
	return &CredentialStatus{
		ID:                   listCredential + "#" + idx,
		Type:                 TypeBitstringStatusListEntry,
		StatusPurpose:        purpose,
		StatusListCredential: listCredential,
		Extra:                Extra{"statusListIndex": quoted},
	}
}

// RevocationList returns the credentialStatus entry of a 1EdTech revocation
// list at url (type 1EdTechRevocationList). The builders add the
// extensions context it needs.
func RevocationList(url string) *CredentialStatus {
	return &CredentialStatus{ID: url, Type: TypeRevocationList}
}
