/** Options and arguments shared by the commands as picocli mixins and converters: broker connection, topology file, output format, times. */
package dev.bloodbank.cli.options;
