/**
 * SMS hosts: a person pairs an Android phone (the SIM host) with their account, then lists, renames and
 * deletes it ({@code docs/host-protocol.md} section 2). Pairing itself needs no login, only a live code.
 */
package org.switchboard.api.hosts;
