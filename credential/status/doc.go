// Package status issues and reads credential status lists: W3C Bitstring
// Status List v1.0 (BitstringStatusListCredential and
// BitstringStatusListEntry), its predecessor StatusList2021, and the
// 1EdTech Revocation List (1EdTechRevocationList) that Open Badges 3.0
// names.
//
// # Issuing
//
// A host keeps one [List] per status purpose, allocates an index for every
// credential it issues, puts [List.Entry] — a [badge.CredentialStatus] —
// into the credential through [badge.Options].Status, and publishes [List.Credential] signed with package
// credential at the list's URL. Revoking, suspending or reinstating a
// credential flips its bits; the host then re-signs and republishes the list.
// A List is not safe for concurrent use: the host serialises writes, just as
// it serialises writes to the database row the list lives in. Persist a list
// with [List.MarshalBinary] and restore it with [List.UnmarshalBinary]; the
// allocation map travels with it so no index is ever handed out twice.
//
// # Reading
//
// [DecodeBitstring] expands an encodedList, refusing anything that would
// decompress beyond the caller's cap (a gzip bomb) or that holds fewer than
// [MinEntries] entries. [ParseListCredential] and [ParseEntry] read the two
// JSON shapes, and [Lookup] combines them into a [Result]. None of this does
// I/O and none of it checks signatures: fetching the list credential and
// verifying that its issuer is the credential's issuer is package verify's
// job.
//
// # Bit order
//
// Index 0 is the left-most, most significant bit of the first byte, as the
// W3C specification says and the 1EdTech validator and Digital Bazaar
// implementations do. Several Go libraries read bits least-significant first;
// testdata/derived-statuslist-vectors.json carries a vector on which the two
// orders disagree, and this package's tests keep us on the right side of it.
package status
