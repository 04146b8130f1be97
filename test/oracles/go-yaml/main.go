// Command go-yaml is the test oracle for plugin YAML: it decodes YAML cases with
// gopkg.in/yaml.v3 (the version the Dify plugin daemon pins) and prints what it gets.
//
// Input (stdin): a JSON array of {"yaml": text, "as": "document" | "parameter"}.
// "document" decodes into map[string]any, as the daemon's yaml.Unmarshal does for a plugin
// file before its typed fields are read; "parameter" decodes into a struct typed like the
// daemon's ToolParameter (pkg/entities/plugin_entities/tool_declaration.go).
// Output (stdout): a JSON array, one {"value": …} or {"error": "…"} per case. Numbers that
// JSON cannot hold are written as {"$float": "+Inf" | "-Inf" | "NaN"}.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"

	"gopkg.in/yaml.v3"
)

type testCase struct {
	YAML string `json:"yaml"`
	As   string `json:"as"`
}

type result struct {
	Value any    `json:"value,omitempty"`
	Error string `json:"error,omitempty"`
}

// parameter has the field types of the daemon's ToolParameter, for the fields whose Go type
// changes how a scalar is read (string, bool, any, *float64, *int).
type parameter struct {
	Name           string   `yaml:"name"`
	Type           string   `yaml:"type"`
	Form           string   `yaml:"form"`
	LLMDescription string   `yaml:"llm_description"`
	Required       bool     `yaml:"required"`
	Default        any      `yaml:"default"`
	Min            *float64 `yaml:"min"`
	Max            *float64 `yaml:"max"`
	Multiple       bool     `yaml:"multiple"`
	Precision      *int     `yaml:"precision"`
}

func decode(c testCase) result {
	var err error
	var value any
	if c.As == "parameter" {
		var p parameter
		err = yaml.Unmarshal([]byte(c.YAML), &p)
		value = map[string]any{
			"name": p.Name, "type": p.Type, "form": p.Form, "llm_description": p.LLMDescription,
			"required": p.Required, "default": p.Default, "min": p.Min, "max": p.Max,
			"multiple": p.Multiple, "precision": p.Precision,
		}
	} else {
		var m map[string]any
		err = yaml.Unmarshal([]byte(c.YAML), &m)
		value = m
	}
	if err != nil {
		return result{Error: err.Error()}
	}
	return result{Value: plain(value)}
}

// plain turns a decoded value into one encoding/json can write.
func plain(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = plain(x)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[fmt.Sprint(k)] = plain(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = plain(x)
		}
		return out
	case *float64:
		if t == nil {
			return nil
		}
		return plain(*t)
	case *int:
		if t == nil {
			return nil
		}
		return *t
	case float64:
		switch {
		case math.IsNaN(t):
			return map[string]string{"$float": "NaN"}
		case math.IsInf(t, 1):
			return map[string]string{"$float": "+Inf"}
		case math.IsInf(t, -1):
			return map[string]string{"$float": "-Inf"}
		}
	}
	return v
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "go-yaml oracle: cannot read the cases:", err)
		os.Exit(2)
	}
	results := make([]result, len(cases))
	for i, c := range cases {
		results[i] = decode(c)
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, "go-yaml oracle:", err)
		os.Exit(2)
	}
}
