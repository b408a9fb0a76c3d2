#!/bin/sh
# The naive image's "application": prints what it is and which curl it ships.
echo "whittle naive e2e image"
curl --version | head -n 1
