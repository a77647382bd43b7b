"""Open311 GeoReport v2 server (http://wiki.open311.org/GeoReport_v2) for petitions, with mySociety's
servicerequestupdates and extended statuses, so that FixMyStreet and other clients can talk to it."""
