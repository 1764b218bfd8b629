-- IATI 2.03 transactions may carry negative values: reversals and corrections of earlier transactions, which real
-- publishers' files contain (the d-portal sample has 27). Refusing them would make imported totals wrong, so an
-- imported transaction may be negative; what users enter here is still checked to be 0 or more by the service.
ALTER TABLE activity_transactions DROP CONSTRAINT activity_transactions_amount_check;
