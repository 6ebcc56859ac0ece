package feedback

// None turns feedback off: no widget, no script, no origin.
var _ = register(&ProviderDef{Name: None, Check: func(*Settings, *Values) {},
	Base: func(Settings) string { return "" }, Origins: func(Settings) Origins { return Origins{} }})
