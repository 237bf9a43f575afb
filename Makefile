# Set-up commands that work on a fresh clone. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench bench-crawl bench-discovery bench-hostile lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $(STAMP)

install: $(STAMP)

## make demo: serve the bundled demo news site on 127.0.0.1, crawl it over HTTP, write output/articles.jsonl
demo: $(STAMP)
	$(BIN)/scraper demo -o output/articles.jsonl

## make test: install (Python packages, and the system programs the tests start) and run every test
test: $(STAMP)
	./.ci/install-system-deps
	$(BIN)/ruff check scraper spiders pipelines tests
	$(BIN)/python -m pytest

## make bench: extraction quality and speed on all eight benchmark sets, ours and trafilatura side by side (SETS=a,b selects; ROUNDS=n timed passes, median; NO_STRUCTURED=1 takes JSON-LD, meta tags and microdata out of the pages first; GENERATED_NAMES=1 hashes their class and id words)
bench: $(STAMP)
	$(BIN)/python -m scraper.devtools.bench $(if $(DATA),--data $(DATA),) $(if $(SETS),--sets $(SETS),) $(if $(ROUNDS),--rounds $(ROUNDS),) $(if $(NO_STRUCTURED),--no-structured,) $(if $(GENERATED_NAMES),--generated-names,)

## make bench-crawl: crawl a generated 20,000-article site served by nginx, 1 process then 2 Redis workers
bench-crawl: $(STAMP)
	./.ci/install-system-deps
	$(BIN)/python -m scraper.devtools.bench_crawl $(if $(PAGES),--pages $(PAGES),)

## make bench-discovery: peak memory and seconds of a crawl of one 250,000-link page and of one 500,000-URL gzipped sitemap
bench-discovery: $(STAMP)
	$(BIN)/python -m scraper.devtools.bench_discovery

## make bench-hostile: time and peak memory per hostile page, ours and trafilatura side by side
bench-hostile: $(STAMP)
	$(BIN)/python -m scraper.devtools.bench_hostile

lint: $(STAMP)
	$(BIN)/ruff check scraper spiders pipelines tests

clean:
	rm -rf $(VENV) output .pytest_cache
