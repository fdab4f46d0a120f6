# The suite's entry points. Each target installs what it needs into .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
TF ?= 2.21
FROM ?=
KERAS ?= keras3
A ?= 1.15
B ?= 2.21
MODE ?= v1
EXAMPLES ?= 500
export TF_CPP_MIN_LOG_LEVEL := 3

.PHONY: help report check test fuzz fuzz-releases bench gate matrix baselines clean

help:
	@echo "make report    run the claim catalogue; write report/claims.json and docs/CLAIMS.md"
	@echo "make check     all tests: catalogue in every mode and flavour, model, fuzzers (ci profile), harness"
	@echo "make gate TF=1.15 [KERAS=legacy]   compare a TensorFlow release (1.0-2.21) with the baselines"
	@echo "make gate FROM=1.15 TF=2.21        the upgrade diff between two releases"
	@echo "make matrix    every release 1.0-2.21 x flavour x mode -> docs/MATRIX.md, docs/matrix.json"
	@echo "make baselines regenerate baselines/ on the pinned release"
	@echo "make fuzz      long differential fuzzing of the reference model against TF"
	@echo "make fuzz-releases A=1.15 B=2.21 [MODE=graph] [EXAMPLES=500]   the same generated programs on two"
	@echo "               releases (1.0-2.21); each unknown difference shrunk and printed as a script for both"
	@echo "make bench     throughput of TF via the harness, the model and bare TF"

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

report: $(STAMP)
	$(PY) -m conformance report

check: $(STAMP)
	$(PY) -m pytest -n auto

test: check

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -p no:randomly tests/test_fuzz.py

fuzz-releases: $(STAMP)
	$(PY) -m conformance fuzz-releases $(A) $(B) --mode $(MODE) --keras $(KERAS) --examples $(EXAMPLES)

bench: $(STAMP)
	$(PY) bench/bench.py

gate: $(STAMP)
	$(PY) -m conformance gate --tf $(TF) --keras $(KERAS) $(if $(FROM),--from $(FROM))

matrix: $(STAMP)
	$(PY) -m conformance matrix

baselines: $(STAMP)
	$(PY) -m conformance baselines

clean:
	rm -rf report .hypothesis
