/** How the commands write for people and scripts: colour, column layout, JSON output, problem listings. */
package dev.bloodbank.cli.text;
