package rdfc

// TermKind says which of the four RDF term forms a Term holds.
type TermKind uint8

const (
	// IRI is an absolute IRI; Value holds it without angle brackets.
	IRI TermKind = iota + 1
	// BlankNode is a blank node; Value holds its label without the "_:" prefix.
	BlankNode
	// Literal is a literal; Value holds the lexical form (unescaped), Datatype
	// its datatype IRI and Language its language tag, if any.
	Literal
	// DefaultGraph names the default graph; it is only valid as a Quad's Graph.
	DefaultGraph
)

// XSDString and RDFLangString are the datatypes that N-Quads leaves implicit.
const (
	XSDString     = "http://www.w3.org/2001/XMLSchema#string"
	RDFLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
)

// Term is one RDF term.
type Term struct {
	Kind     TermKind
	Value    string
	Datatype string // literals only; empty means xsd:string (or rdf:langString with Language)
	Language string // literals only
}

// Quad is one RDF statement in a named or the default graph.
type Quad struct {
	Subject, Predicate, Object, Graph Term
}

// Dataset is an RDF dataset: a list of quads. Duplicates are removed by
// canonicalization.
type Dataset []Quad
