// The test oracle for plugin YAML: gopkg.in/yaml.v3 at the version the Dify plugin daemon pins
// (langgenius/dify-plugin-daemon go.mod: gopkg.in/yaml.v3 v3.0.1).
module dify-toolgen/test/oracles/go-yaml

go 1.21

require gopkg.in/yaml.v3 v3.0.1
