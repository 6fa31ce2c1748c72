package jsonld

import (
	"context"
	"slices"

	"github.com/microcred/microcred/internal/rdfc"
)

// flatToRDF converts, without building the expanded tree, a document that
// is one flat node: an @context, one @type string and string values of
// terms the context defines, without @id. A Data Integrity proof
// configuration is such a document, canonicalized on every signature and
// every verification, and the generic path spent a third of a
// credential's canonicalization time on its five statements.
//
// It takes the very steps of fastExpand (the same context processing and
// IRI expansion, in the same order) and makes the statements expandedToRDF
// would make from the result; anything else a document might hold, or any
// error, returns ok false and the caller takes the generic path, which
// then reports the error itself. The statements are appended to dst[:0]. The statements come in another order than
// ToRDF's, so only Canonicalize, which sorts them, may use it.
func flatToRDF(ctx context.Context, in any, l *Loader, lim Limits, dst rdfc.Dataset) (ds rdfc.Dataset, ok bool) {
	m, isMap := in.(map[string]any)
	local, hasContext := m["@context"]
	if !isMap || !hasContext || len(m) > 16 || lim.goldOnly || ctx.Err() != nil {
		return nil, false
	}
	var keyBuf [16]string
	keys := keyBuf[:0]
	for k, v := range m {
		if k == "@context" {
			continue
		}
		if _, isString := v.(string); !isString {
			return nil, false
		}
		keys = append(keys, k)
	}
	slices.Sort(keys) // the order expandMap processes members in

	var r fastRun // on the stack: one allocation fewer per proof
	r.init(ctx, l, lim)
	active, err := r.applyEmbedded(r.initial, local)
	if err != nil {
		return nil, false
	}
	typeKey := ""
	for _, k := range keys {
		ek, err := r.expandIRI(active, k, true, nil, nil, nil)
		switch {
		case err != nil:
			return nil, false
		case ek == "@type" && typeKey == "":
			typeKey = k
		case isKeyword(ek) || ek == "":
			return nil, false // @id, a second @type, an unknown keyword
		}
	}
	if typeKey == "" {
		return nil, false
	}
	typeScoped := active
	typ := m[typeKey].(string)
	if td := typeScoped.terms[typ]; td != nil && td.hasScoped {
		if active, err = r.applyScoped(active, td, modeType); err != nil {
			return nil, false
		}
	}
	typeIRI, err := r.expandIRI(typeScoped, typ, true, nil, nil, nil)
	if err != nil || !isAbsIRI(typeIRI) {
		return nil, false
	}

	subject := rdfc.Term{Kind: rdfc.BlankNode, Value: blankLabel(0)}
	def := rdfc.Term{Kind: rdfc.DefaultGraph}
	ds = dst[:0]
	ds = append(ds, rdfc.Quad{Subject: subject, Predicate: iri(rdfType), Object: iri(typeIRI), Graph: def})
	for _, k := range keys {
		ek, err := r.expandIRI(active, k, true, nil, nil, nil)
		if err != nil {
			return nil, false
		}
		if k == typeKey {
			if ek != "@type" {
				return nil, false // the type-scoped context redefined it
			}
			continue
		}
		td := active.terms[k]
		if isKeyword(ek) || !isAbsIRI(ek) || td == nil || td.container != 0 || td.typ == "@json" {
			return nil, false
		}
		// As expand does for a scalar: the term's own scoped context, then
		// the term as that context defines it (proofPurpose's context
		// defines the purposes its value names).
		vactive := active
		if td.hasScoped {
			if vactive, err = r.applyScoped(active, td, modeProperty); err != nil {
				return nil, false
			}
			if td = vactive.terms[k]; td == nil {
				return nil, false
			}
		}
		value := m[k].(string)
		var obj rdfc.Term
		switch td.typ {
		case "@id", "@vocab":
			id, err := r.expandIRI(vactive, value, td.typ == "@vocab", nil, nil, nil)
			if err != nil || !isAbsIRI(id) {
				return nil, false
			}
			obj = iri(id)
		case "":
			lang := vactive.lang
			if td.hasLang {
				lang = td.lang
			}
			if lang != "" {
				return nil, false
			}
			obj = rdfc.Term{Kind: rdfc.Literal, Value: value}
		case "@json":
			return nil, false
		default:
			if !isAbsIRI(td.typ) {
				return nil, false
			}
			dt := td.typ
			if dt == rdfc.XSDString {
				dt = ""
			}
			obj = rdfc.Term{Kind: rdfc.Literal, Value: value, Datatype: dt}
		}
		if len(ds) >= lim.MaxQuads {
			return nil, false
		}
		ds = append(ds, rdfc.Quad{Subject: subject, Predicate: iri(ek), Object: obj, Graph: def})
	}
	return ds, true
}
