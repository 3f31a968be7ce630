/** Commands over the topology's schemas: schema check against an earlier topology, and the JSON Schema and AsyncAPI exports. */
package dev.bloodbank.cli.schema;
