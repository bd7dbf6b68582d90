# fupin — top-level entry points. Quick start on a fresh Debian 12 machine (as root):
#   make demo    installs what is missing, builds, creates the demo county and serves it
#   make test    installs what is missing, builds (release + ASan/UBSan + web), runs every test
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD_DIR ?= build/release
ASAN_DIR ?= build/asan
DEMO_DB ?= demo/fupin.db
DEMO_COUNTY ?= 511025
DEMO_LISTEN ?= 127.0.0.1:8080
FUPIN := $(BUILD_DIR)/src/fupin
CMAKE_COMMON := -DCMAKE_EXPORT_COMPILE_COMMANDS=ON

.PHONY: all deps build build-asan test test-release test-unit-release test-asan test-e2e e2e-deps demo bench format clean web-deps web web-test

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DFUPIN_WEB_TESTS=ON $(CMAKE_COMMON)

$(ASAN_DIR)/CMakeCache.txt:
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DFUPIN_SANITIZE=ON -DFUPIN_BUILD_BENCH=OFF \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" $(CMAKE_COMMON)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

build-asan: deps $(ASAN_DIR)/CMakeCache.txt
	cmake --build $(ASAN_DIR) -j $(JOBS) --target fupin fupin_tests

test-asan: build-asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_DIR) -j $(JOBS) --output-on-failure

# The release tree in `make test`: the binary and the benchmarks build (warnings as
# errors at -O3), then the web unit tests and the browser tests run against it.
test-release: build web
	ctest --test-dir $(BUILD_DIR) -j $(JOBS) --output-on-failure -L web

# The GoogleTest suite against the release build (not part of `make test`, which runs it
# under ASan/UBSan).
test-unit-release: build
	cmake --build $(BUILD_DIR) -j $(JOBS) --target fupin_tests
	ctest --test-dir $(BUILD_DIR) -j $(JOBS) --output-on-failure -LE web

# The sanitizer run first (every C++ test under ASan+UBSan), then the release run (web
# unit tests and browser tests), so ctest's summary ends the output.
test: test-asan test-release

# Builds everything, creates the demo county with one account per role, and serves it
# (API and web pages) until Ctrl-C.
demo: build web
	@mkdir -p $(dir $(DEMO_DB))
	$(FUPIN) demo --county $(DEMO_COUNTY) --seed 1 --db $(DEMO_DB) --force
	@echo
	@echo "浏览器打开 / open http://$(DEMO_LISTEN)/ — Ctrl-C 停止 / to stop"
	$(FUPIN) serve --db $(DEMO_DB) --listen $(DEMO_LISTEN) --demo --web web/dist

bench: build
	$(BUILD_DIR)/bench/fupin_bench

# The web front end (web/): node packages via npm ci, then vue-tsc + vite into web/dist.
web-deps:
	@bash scripts/install-web.sh

web: web-deps
	cd web && npm run build

web-test: web-deps
	cd web && npm test

# Browser tests: Debian's Chromium (never a downloaded one) against `fupin serve` on the
# demo county; screenshots of every page visited go to $(E2E_ARTIFACTS).
E2E_ARTIFACTS ?= build/e2e-artifacts

e2e-deps:
	@bash scripts/install-e2e.sh

test-e2e: build web e2e-deps
	bash tests/e2e/run-e2e.sh $(BUILD_DIR)/src/fupin web/dist $(E2E_ARTIFACTS)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build
