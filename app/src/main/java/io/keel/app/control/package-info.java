/** The daemon's HTTP control endpoint: health and the operator's kill switch (issue 6 grows the panel from here). */
package io.keel.app.control;
