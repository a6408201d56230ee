<?php
function says() { return 'sibling says'; }
