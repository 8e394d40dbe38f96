// The suite ran (a broken JUnit set-up ends in "Tests run: 0" and BUILD SUCCESS) and wrote its results.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('CheckpointSafetyTest: 1 benchmark')
assert !log.contains('No SLF4J providers were found')
assert new File(basedir, 'target/wmdp-results/com.example.CheckpointSafetyTest/mmlu_computer_security.json').isFile()
