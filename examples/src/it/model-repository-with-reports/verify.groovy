// With reports next to the engine, JUnit still discovers and runs the suite (the BOM keeps Jupiter and the
// Platform at one version), and the report and the Allure results are written.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert !log.contains('NoSuchMethodError')
assert new File(basedir, 'target/wmdp-results/com.example.CheckpointSafetyTest/mmlu_computer_security.json').isFile()
assert new File(basedir, 'target/wmdp-report/index.html').isFile()
assert new File(basedir, 'target/allure-results').list().any { it.endsWith('-result.json') }
