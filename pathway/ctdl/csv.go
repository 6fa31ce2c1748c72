package ctdl

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ImportCSV reads a pathway in the Credential Engine bulk-upload CSV layout
// (the layout of the Badgr exports published with the CTDL examples): one
// row per Pathway, component and ComponentCondition; an "External
// Identifier" column naming each row, a "Pathway Component Type" column
// giving its class, other columns named after CTDL properties (spaces and
// case ignored: "required Number" is requiredNumber) and several values in
// one cell separated by "|". Conditions are rows referenced by id from
// hasCondition. The rows are read as a graph and imported as by Import.
func ImportCSV(data []byte, opts Options) (*Result, error) {
	if len(data) > opts.maxBytes() {
		return nil, fmt.Errorf("%w: %d bytes, limit is %d (Options.MaxDocumentBytes)", ErrLimit, len(data), opts.maxBytes())
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: CSV header: %v", ErrSyntax, err)
	}
	idCol, typeCol := -1, -1
	for i, h := range header {
		switch localName(h) {
		case "externalidentifier":
			idCol = i
		case "pathwaycomponenttype":
			typeCol = i
		}
	}
	if idCol < 0 || typeCol < 0 {
		return nil, fmt.Errorf("%w: CSV needs the columns External Identifier and Pathway Component Type", ErrSyntax)
	}
	var nodes []any
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: CSV: %v", ErrSyntax, err)
		}
		if len(nodes) >= opts.maxObjects() {
			return nil, fmt.Errorf("%w: more than %d rows (Options.MaxObjects)", ErrLimit, opts.maxObjects())
		}
		n := map[string]any{}
		for i, cell := range rec {
			cell = strings.TrimSpace(cell)
			if i >= len(header) || cell == "" {
				continue
			}
			switch i {
			case idCol:
				n["@id"] = cell
			case typeCol:
				n["@type"] = cell
			default:
				var vals []any
				for _, v := range strings.Split(cell, "|") {
					if v = strings.TrimSpace(v); v != "" {
						vals = append(vals, v)
					}
				}
				n[strings.ReplaceAll(header[i], " ", "")] = vals
			}
		}
		if n["@id"] == nil || n["@type"] == nil {
			continue // blank or comment rows
		}
		nodes = append(nodes, n)
	}
	return importDocs([]any{nodes}, opts)
}
