# Two commands do all set-up on a fresh machine (Python 3.11 and pip):
#   make grade   grade the bundled examples (creates .venv and installs on first use)
#   make test    run the test suite (likewise)
VENV := .venv
PYTHON := $(VENV)/bin/python
# nbgrader runs helper programs (alembic, jupyter) by name: they must be on PATH.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: grade test release

$(VENV)/.installed: pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

grade: $(VENV)/.installed
	$(PYTHON) -m grader grade solution/logistic_regression/logistic_regression.ipynb \
		assignment/logistic_regression/logistic_regression.ipynb examples --out grading-output --timeout 60

test: $(VENV)/.installed
	$(PYTHON) -m pytest

# Regenerate the student release from the instructor's source notebook (commit the result).
release: $(VENV)/.installed
	nbgrader generate_assignment logistic_regression --force --no-db
