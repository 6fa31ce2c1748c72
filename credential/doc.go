// Package credential seals and opens W3C Verifiable Credentials: keys and
// DIDs, Data Integrity proofs, VC-JWT, and presentations.
package credential
